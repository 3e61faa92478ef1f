package io.imagesearch.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The non-secret configuration every service reads from /etc/imagesearch/application.yaml.
 * Rendering is deterministic so its hash only changes when the content does.
 */
public final class ServiceConfig {
  public static final String FILE = "application.yaml";
  public static final String MOUNT_PATH = "/etc/imagesearch";
  public static final String KEY_PREFIX = "imagesearch";

  /**
   * SPRING_CONFIG_ADDITIONAL_LOCATION of the services: a file location is loaded whatever
   * spring.config.name is; optional so a service started without the mount still starts.
   */
  public static final String LOCATION = "optional:file:" + MOUNT_PATH + "/" + FILE;

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private ServiceConfig() {}

  public static String render(ImageSearchCluster cluster) {
    // The keys the services bind (conf/*.yml): Spring's Redis settings and imagesearch.*. The
    // model is set per Deployment (EmbeddingModel), so a change of model rolls only the workers.
    String[] redis = Dependency.REDIS.endpoint(cluster).split(":", 2);
    Map<String, Object> imagesearch = new LinkedHashMap<>();
    imagesearch.put("queue", Map.of("key-prefix", KEY_PREFIX));
    imagesearch.put("milvus", Map.of("uri", Dependency.MILVUS.endpoint(cluster)));
    imagesearch.put(
        "minio", Map.of("endpoint", Dependency.OBJECT_STORE.endpoint(cluster), "bucket", "images"));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("imagesearch", imagesearch);
    root.put(
        "spring",
        Map.of(
            "data", Map.of("redis", Map.of("host", redis[0], "port", Integer.parseInt(redis[1])))));
    try {
      return YAML.writeValueAsString(sorted(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the service configuration", e);
    }
  }

  public static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sorted(Map<String, Object> map) {
    Map<String, Object> out = new java.util.TreeMap<>();
    map.forEach(
        (k, v) -> out.put(k, v instanceof Map<?, ?> m ? sorted((Map<String, Object>) m) : v));
    return out;
  }
}
