package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated credentials of the in-cluster dependencies. Values already present are kept as they
 * are: a rotated password would lock the services out of data written with the old one.
 */
public final class CredentialsModel {
  static final List<String> KEYS =
      List.of("minio-access-key", "minio-secret-key", "redis-password");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CredentialsModel() {}

  public static String name(ImageSearchCluster cluster) {
    return Names.child(cluster, "credentials");
  }

  /**
   * @param existingData the live Secret's base64 data, or an empty map when it does not exist yet
   */
  public static Secret build(ImageSearchCluster cluster, Map<String, String> existingData) {
    Map<String, String> data = new TreeMap<>();
    for (String key : KEYS) {
      String current = existingData.get(key);
      data.put(key, current != null ? current : base64(randomToken()));
    }
    return Names.owned(
        new SecretBuilder()
            .withMetadata(Names.metadata(cluster, name(cluster), "credentials"))
            .withType("Opaque")
            .withData(data)
            .build(),
        cluster);
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String base64(String value) {
    return Base64.getEncoder()
        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
