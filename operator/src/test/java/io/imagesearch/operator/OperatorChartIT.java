package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.scaling.BacklogSource;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The chart's RBAC is enough for the operator to converge, and no more than it needs. */
@ExtendWith(SharedServers.class)
class OperatorChartIT {
  private static final String RELEASE_NAMESPACE = "imagesearch-system";
  private static final Path CHART = RepositoryRoot.find().resolve("helm/imagesearch-operator");

  @Test
  void chartLintsAndRendersLeastPrivilegeRbac() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();

    String all = new Helm(CHART).template().withName("isc").withNamespace(RELEASE_NAMESPACE).call();
    assertThat(all)
        .contains("kind: ClusterRoleBinding")
        .doesNotContain("kind: RoleBinding\nmetadata:\n  name: isc-imagesearch-operator-manager");
    assertThat(all).doesNotContain("\"*\"");
  }

  @Test
  void operatorConvergesWithOnlyTheChartsServiceAccountPermissions(KubeApiServer server)
      throws Exception {
    try (KubernetesClient admin = server.newClient()) {
      TestCluster.applyCrd(admin);
      String watched = TestCluster.newNamespace(admin, "rbac");
      if (admin.namespaces().withName(RELEASE_NAMESPACE).get() == null) {
        admin
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(RELEASE_NAMESPACE)
                    .endMetadata()
                    .build())
            .create();
      }
      String rendered =
          new Helm(CHART)
              .template()
              .withName("isc")
              .withNamespace(RELEASE_NAMESPACE)
              .set("watchNamespaces[0]", watched)
              .call();
      List<HasMetadata> rbac =
          admin
              .load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)))
              .items()
              .stream()
              .filter(
                  r ->
                      r.getApiVersion().startsWith("rbac.") || r.getKind().equals("ServiceAccount"))
              .toList();
      assertThat(rbac)
          .extracting(HasMetadata::getKind)
          .contains("ServiceAccount", "ClusterRole", "RoleBinding", "Role");
      for (HasMetadata r : rbac) {
        if (r.getMetadata().getNamespace() == null && !r.getKind().startsWith("Cluster")) {
          r.getMetadata().setNamespace(RELEASE_NAMESPACE);
        }
        admin.resource(r).forceConflicts().serverSideApply();
      }

      Config config = Config.fromKubeconfig(server.kubeConfigYaml());
      config.setImpersonateUsername(
          "system:serviceaccount:" + RELEASE_NAMESPACE + ":isc-imagesearch-operator");
      config.setImpersonateGroups("system:serviceaccounts", "system:authenticated");
      try (KubernetesClient operatorClient =
          new KubernetesClientBuilder().withConfig(config).build()) {
        // RBAC is enforced: the operator has no business with pods.
        assertThatThrownBy(() -> operatorClient.pods().inNamespace(watched).list())
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

        Operator operator =
            OperatorFactory.create(
                operatorClient,
                new OperatorSettings(
                    Set.of(watched), true, "imagesearch-operator", RELEASE_NAMESPACE, 0),
                BacklogSource.UNKNOWN,
                Clock.systemUTC(),
                false);
        operator.start();
        try {
          ImageSearchCluster cluster = new ImageSearchCluster();
          cluster.getMetadata().setName("rbac");
          cluster.setSpec(new ImageSearchClusterSpec());
          cluster.getSpec().version = "1.0.0";
          admin.resource(cluster).inNamespace(watched).create();

          await()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () ->
                      admin
                              .resources(StatefulSet.class)
                              .inNamespace(watched)
                              .list()
                              .getItems()
                              .size()
                          == 3);
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    ImageSearchCluster c =
                        admin
                            .resources(ImageSearchCluster.class)
                            .inNamespace(watched)
                            .withName("rbac")
                            .get();
                    return c.getStatus() != null && c.getStatus().observedGeneration != null;
                  });
        } finally {
          operator.stop();
        }
      }
    }
  }
}
