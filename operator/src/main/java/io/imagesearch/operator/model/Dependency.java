package io.imagesearch.operator.model;

import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.api.Images;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A backing service of the platform. In cluster it is a single-replica StatefulSet the operator
 * runs; external it is only an endpoint plus a Secret the user provides.
 */
public enum Dependency {
  REDIS(
      "redis",
      "redis",
      "RedisReady",
      s -> s.redis,
      i -> i.redis,
      999L,
      6379,
      "/data",
      List.of(Component.INGEST_API, Component.WORKER),
      // env var -> (generated secret key, external secret key)
      Map.of("SPRING_DATA_REDIS_PASSWORD", new String[] {"redis-password", "password"})),
  MILVUS(
      "milvus",
      "milvus",
      "MilvusReady",
      s -> s.milvus,
      i -> i.milvus,
      1000L,
      MilvusStandalone.GRPC_PORT,
      MilvusStandalone.DATA_PATH,
      List.of(Component.WORKER, Component.SEARCH_API),
      Map.of("IMAGESEARCH_MILVUS_TOKEN", new String[] {null, "token"})),
  OBJECT_STORE(
      "minio",
      "objectStore",
      "ObjectStoreReady",
      s -> s.objectStore,
      i -> i.minio,
      1000L,
      9000,
      "/data",
      // search-api reads thumbnails and originals (and reports MinIO in its readiness).
      List.of(Component.INGEST_API, Component.WORKER, Component.SEARCH_API, Component.CDN),
      Map.of(
          "IMAGESEARCH_MINIO_ACCESS_KEY", new String[] {"minio-access-key", "accessKey"},
          "IMAGESEARCH_MINIO_SECRET_KEY", new String[] {"minio-secret-key", "secretKey"}));

  private final String id;
  private final String statusKey;
  private final String conditionType;
  private final Function<ImageSearchClusterSpec, DependencySpec> spec;
  private final Function<Images, String> imageOverride;
  private final long user;
  private final int port;
  private final String dataPath;
  private final List<Component> clients;
  private final Map<String, String[]> credentialEnv;

  Dependency(
      String id,
      String statusKey,
      String conditionType,
      Function<ImageSearchClusterSpec, DependencySpec> spec,
      Function<Images, String> imageOverride,
      long user,
      int port,
      String dataPath,
      List<Component> clients,
      Map<String, String[]> credentialEnv) {
    this.id = id;
    this.statusKey = statusKey;
    this.conditionType = conditionType;
    this.spec = spec;
    this.imageOverride = imageOverride;
    this.user = user;
    this.port = port;
    this.dataPath = dataPath;
    this.clients = clients;
    this.credentialEnv = credentialEnv;
  }

  public String id() {
    return id;
  }

  public String statusKey() {
    return statusKey;
  }

  public String conditionType() {
    return conditionType;
  }

  /** The spec, or an empty one (in cluster with defaults) when the user left it out. */
  public DependencySpec spec(ImageSearchCluster cluster) {
    DependencySpec s = spec.apply(cluster.getSpec());
    return s == null ? new DependencySpec() : s;
  }

  public boolean inCluster(ImageSearchCluster cluster) {
    return spec(cluster).external == null;
  }

  /** The full image reference the user set for it, or null (see ImageDefaults). */
  String imageOverride(Images images) {
    return imageOverride.apply(images);
  }

  public long user() {
    return user;
  }

  public int port() {
    return port;
  }

  public String dataPath() {
    return dataPath;
  }

  /** The services allowed to reach it (NetworkPolicy) and given its credentials. */
  public List<Component> clients() {
    return clients;
  }

  public String name(ImageSearchCluster cluster) {
    return Names.child(cluster, id);
  }

  /** Env var name to secret key in the generated credentials Secret (null: not generated). */
  public String generatedKey(String envVar) {
    return credentialEnv.get(envVar)[0];
  }

  /** Env var name to secret key in the user's Secret of an external dependency. */
  public String externalKey(String envVar) {
    return credentialEnv.get(envVar)[1];
  }

  public Iterable<String> credentialEnvVars() {
    return credentialEnv.keySet().stream().sorted().toList();
  }

  /** Where the services reach it: a host:port for Redis, a URL for the others. */
  public String endpoint(ImageSearchCluster cluster) {
    DependencySpec s = spec(cluster);
    if (s.external != null) {
      return s.external.endpoint;
    }
    String host = name(cluster) + "." + cluster.getMetadata().getNamespace() + ".svc";
    return this == REDIS ? host + ":" + port : "http://" + host + ":" + port;
  }
}
