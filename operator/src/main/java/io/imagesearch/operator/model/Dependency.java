package io.imagesearch.operator.model;

import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.api.Images;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A backing service of the platform. In cluster it is a single-replica StatefulSet the operator
 * runs; external it is only an endpoint plus a Secret the user provides.
 */
public enum Dependency {
  REDIS(
      "redis",
      new SpecFields("redis", s -> s.redis, i -> i.redis),
      new Workload(999L, 6379, "/data"),
      // The queue's clients, and the three HTTP services for the API keys they share.
      List.of(Component.INGEST_API, Component.WORKER, Component.SEARCH_API, Component.CDN),
      List.of(
          CredentialKeys.generatedOrExternal(
              "SPRING_DATA_REDIS_PASSWORD", "redis-password", "password"))),
  MILVUS(
      "milvus",
      new SpecFields("milvus", s -> s.milvus, i -> i.milvus),
      new Workload(1000L, MilvusStandalone.GRPC_PORT, MilvusStandalone.DATA_PATH),
      List.of(Component.WORKER, Component.SEARCH_API),
      List.of(CredentialKeys.externalOnly("IMAGESEARCH_MILVUS_TOKEN", "token"))),
  OBJECT_STORE(
      "minio",
      new SpecFields("objectStore", s -> s.objectStore, i -> i.minio),
      new Workload(1000L, 9000, "/data"),
      // search-api reads thumbnails and originals (and reports MinIO in its readiness).
      List.of(Component.INGEST_API, Component.WORKER, Component.SEARCH_API, Component.CDN),
      List.of(
          CredentialKeys.generatedOrExternal(
              "IMAGESEARCH_MINIO_ACCESS_KEY", "minio-access-key", "accessKey"),
          CredentialKeys.generatedOrExternal(
              "IMAGESEARCH_MINIO_SECRET_KEY", "minio-secret-key", "secretKey")));

  /**
   * Where the dependency appears in the resource.
   *
   * @param key its field in the spec, in status.components and in its condition's type
   * @param spec reads that field
   * @param imageOverride reads the full image reference the user may set in spec.images
   */
  record SpecFields(
      String key,
      Function<ImageSearchClusterSpec, DependencySpec> spec,
      Function<Images, String> imageOverride) {}

  /**
   * How the in-cluster StatefulSet runs it.
   *
   * @param runAsUser the user the image's data directory belongs to
   * @param port the port the clients connect to
   * @param dataPath where the persistent volume is mounted
   */
  public record Workload(long runAsUser, int port, String dataPath) {}

  private final String id;
  private final SpecFields fields;
  private final Workload workload;
  private final List<Component> clients;
  private final List<CredentialKeys> credentials;

  Dependency(
      String id,
      SpecFields fields,
      Workload workload,
      List<Component> clients,
      List<CredentialKeys> credentials) {
    this.id = id;
    this.fields = fields;
    this.workload = workload;
    this.clients = clients;
    this.credentials =
        credentials.stream().sorted(Comparator.comparing(CredentialKeys::envVar)).toList();
  }

  /** Kebab-case id used in names and the app.kubernetes.io/component label. */
  public String id() {
    return id;
  }

  public String statusKey() {
    return fields.key();
  }

  /** RedisReady, MilvusReady, ObjectStoreReady. */
  public String conditionType() {
    return Character.toUpperCase(fields.key().charAt(0)) + fields.key().substring(1) + "Ready";
  }

  /** The spec, or an empty one (in cluster with defaults) when the user left it out. */
  public DependencySpec spec(ImageSearchCluster cluster) {
    DependencySpec s = fields.spec().apply(cluster.getSpec());
    return s == null ? new DependencySpec() : s;
  }

  public boolean inCluster(ImageSearchCluster cluster) {
    return spec(cluster).external == null;
  }

  /** The full image reference the user set for it, or null (see ImageDefaults). */
  String imageOverride(Images images) {
    return fields.imageOverride().apply(images);
  }

  public Workload workload() {
    return workload;
  }

  /** The services allowed to reach it (NetworkPolicy) and given its credentials. */
  public List<Component> clients() {
    return clients;
  }

  /** Its credentials, by env var name. */
  public List<CredentialKeys> credentials() {
    return credentials;
  }

  public CredentialKeys credential(String envVar) {
    return credentials.stream()
        .filter(c -> c.envVar().equals(envVar))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no credential " + envVar));
  }

  public String name(ImageSearchCluster cluster) {
    return Names.child(cluster, id);
  }

  /** Where the services reach it: a host:port for Redis, a URL for the others. */
  public String endpoint(ImageSearchCluster cluster) {
    DependencySpec s = spec(cluster);
    if (s.external != null) {
      return s.external.endpoint;
    }
    String host = name(cluster) + "." + cluster.getMetadata().getNamespace() + ".svc";
    int port = workload.port();
    return this == REDIS ? host + ":" + port : "http://" + host + ":" + port;
  }
}
