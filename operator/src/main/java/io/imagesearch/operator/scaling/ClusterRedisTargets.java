package io.imagesearch.operator.scaling;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.CredentialEnv;
import io.imagesearch.operator.model.Dependency;
import io.imagesearch.operator.model.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cluster's Redis as the services see it: the endpoint the operator configured and the password
 * from the same Secret the pods read.
 */
public final class ClusterRedisTargets
    implements Function<ImageSearchCluster, Optional<RedisTarget>> {

  static final String PASSWORD_ENV = "SPRING_DATA_REDIS_PASSWORD";

  private final KubernetesClient client;

  public ClusterRedisTargets(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<RedisTarget> apply(ImageSearchCluster cluster) {
    String[] endpoint = Dependency.REDIS.endpoint(cluster).split(":", 2);
    if (endpoint.length != 2) {
      return Optional.empty();
    }
    String password =
        CredentialEnv.secretKey(
                cluster, Dependency.REDIS, Dependency.REDIS.credential(PASSWORD_ENV))
            .map(ref -> secretValue(cluster.getMetadata().getNamespace(), ref))
            .orElse(null);
    return Optional.of(new RedisTarget(endpoint[0], Integer.parseInt(endpoint[1]), password));
  }

  private String secretValue(String namespace, SecretKey ref) {
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.secret()).get();
    String key = ref.key();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(key)) {
      return null;
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
