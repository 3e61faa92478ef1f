package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generated credentials: those of the in-cluster dependencies and the admin API key of the HTTP
 * services. Values already present are kept as they are: a rotated password would lock the services
 * out of data written with the old one, and a new admin key would leave the old one valid in the
 * services' key store while its holders lose access.
 */
public final class CredentialsModel {
  static final List<String> KEYS =
      List.of("minio-access-key", "minio-secret-key", "redis-password");

  /** The generated admin API key's key in the Secret. */
  public static final String ADMIN_API_KEY = "admin-api-key";

  private static final SecureRandom RANDOM = new SecureRandom();

  private CredentialsModel() {}

  public static String name(ImageSearchCluster cluster) {
    return Names.child(cluster, "credentials");
  }

  /**
   * The admin key is generated only while the spec names no Secret of the user's for it, and kept
   * once generated even if the spec names one later: switching back restores the same key.
   *
   * @param existingData the live Secret's base64 data, or an empty map when it does not exist yet
   */
  public static Secret build(ImageSearchCluster cluster, Map<String, String> existingData) {
    Map<String, String> data = new TreeMap<>();
    for (String key : KEYS) {
      String current = existingData.get(key);
      data.put(key, current != null ? current : base64(randomToken()));
    }
    String adminKey = existingData.get(ADMIN_API_KEY);
    if (adminKey != null) {
      data.put(ADMIN_API_KEY, adminKey);
    } else if (SecurityEnv.adminKeyGenerated(cluster)) {
      data.put(ADMIN_API_KEY, base64(AdminApiKey.generate(RANDOM)));
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
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
