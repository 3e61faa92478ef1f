package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.IngressSpec;
import io.imagesearch.operator.model.AdminApiKey;
import io.imagesearch.operator.model.IngressModel;
import io.imagesearch.operator.model.SecretKey;
import io.imagesearch.operator.model.SecurityEnv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the CRD's rules cannot see: whether the Secret holding the admin API key exists and holds a
 * key the services accept (they refuse to start otherwise), and whether the Ingress's TLS Secret
 * exists (until it does, clients get the ingress controller's default certificate). Each problem is
 * a message naming the Secret and the spec field, never the key.
 */
public final class SecuritySecrets {
  private SecuritySecrets() {}

  public static List<String> problems(ImageSearchCluster cluster, KubernetesClient client) {
    List<String> problems = new ArrayList<>();
    adminKeyProblem(cluster, client, problems);
    IngressSpec ingress = cluster.getSpec().ingress;
    if (IngressModel.enabled(cluster)
        && ingress.tlsSecretName != null
        && get(cluster, client, ingress.tlsSecretName) == null) {
      problems.add(
          "Secret "
              + qualified(cluster, ingress.tlsSecretName)
              + " named by spec.ingress.tlsSecretName does not exist: clients get the ingress"
              + " controller's default certificate until it does");
    }
    return problems;
  }

  private static void adminKeyProblem(
      ImageSearchCluster cluster, KubernetesClient client, List<String> problems) {
    SecretKey ref = SecurityEnv.adminKey(cluster);
    String source =
        SecurityEnv.adminKeyGenerated(cluster)
            ? "the generated admin key"
            : "spec.security.adminKeySecretRef";
    String secret = "Secret " + qualified(cluster, ref.secret());
    Secret live = get(cluster, client, ref.secret());
    if (live == null) {
      problems.add(secret + " referenced by " + source + " does not exist");
      return;
    }
    String data = live.getData() == null ? null : live.getData().get(ref.key());
    if (data == null) {
      problems.add(
          secret
              + " has no key "
              + ref.key()
              + " ("
              + source
              + "): ingest-api, search-api and cdn cannot start without it");
      return;
    }
    String value;
    try {
      value = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      problems.add(secret + " key " + ref.key() + " is not base64");
      return;
    }
    AdminApiKey.problem(value)
        .ifPresent(p -> problems.add(secret + " key " + ref.key() + " (" + source + ") " + p));
  }

  private static Secret get(ImageSearchCluster cluster, KubernetesClient client, String name) {
    return client.secrets().inNamespace(cluster.getMetadata().getNamespace()).withName(name).get();
  }

  private static String qualified(ImageSearchCluster cluster, String name) {
    return cluster.getMetadata().getNamespace() + "/" + name;
  }
}
