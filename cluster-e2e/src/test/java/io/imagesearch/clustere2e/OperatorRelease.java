package io.imagesearch.clustere2e;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.testsupport.RepositoryRoot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator installed the way the README tells a user to: `helm install` of the chart into its
 * own namespace, here with the images of this build and a namespace that enforces the `restricted`
 * Pod Security Standard.
 */
final class OperatorRelease {
  static final String NAMESPACE = "imagesearch-system";
  static final String RELEASE = "imagesearch-operator";

  private OperatorRelease() {}

  /** The chart values the README's "On Kubernetes" section sets for images you built yourself. */
  static Map<String, Object> localImageValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("image.registry", BuiltImages.registry());
    values.put("image.repository", "imagesearch-operator");
    values.put("image.tag", BuiltImages.tag());
    values.put("image.pullPolicy", "Never");
    values.put("clusterDefaults.registry", BuiltImages.registry());
    values.put("clusterDefaults.pullPolicy", "Never");
    values.put("clusterDefaults.redisImage", BaseImages.reference("redis"));
    values.put("clusterDefaults.minioImage", BaseImages.reference("minio"));
    values.put("clusterDefaults.milvusImage", BaseImages.reference("milvus-standin"));
    return values;
  }

  static void install(RealCluster cluster) {
    KubernetesClient client = cluster.client();
    Namespaces.createRestricted(client, NAMESPACE);
    InstallCommand install =
        new Helm(RepositoryRoot.find().resolve("helm/imagesearch-operator"))
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeConfig(cluster.kubeconfig())
            .waitReady()
            .withTimeout(300);
    localImageValues().forEach(install::set);
    install.call();
  }

  static Deployment deployment(KubernetesClient client) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get();
  }
}
