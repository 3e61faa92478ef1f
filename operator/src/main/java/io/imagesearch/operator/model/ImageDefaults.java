package io.imagesearch.operator.model;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.Images;
import io.imagesearch.operator.api.Images.PullPolicy;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The images a cluster gets where its spec.images says nothing: one set per operator installation,
 * so a private registry is configured once (Helm chart clusterDefaults) rather than in every
 * cluster resource. Validated on construction so a bad chart value stops the operator at start-up.
 *
 * @param registry prefix of the service images, {@code <registry>/<service>:<version>}
 * @param pullPolicy imagePullPolicy of every container
 * @param redis full reference of the in-cluster Redis image
 * @param milvus full reference of the in-cluster Milvus image
 * @param minio full reference of the in-cluster MinIO image
 */
public record ImageDefaults(
    String registry, PullPolicy pullPolicy, String redis, String milvus, String minio) {

  private static final Pattern REGISTRY = Pattern.compile(Images.REGISTRY_PATTERN);
  // name[:tag][@digest], lower-case repository path; loose on purpose, the runtime is the judge.
  private static final Pattern REFERENCE =
      Pattern.compile("^[a-z0-9][a-z0-9._:/-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@.+)?$");

  // After the patterns: static initialisers run in order, and the constructor needs them.
  public static final ImageDefaults BUILT_IN =
      new ImageDefaults(
          "ghcr.io/imagesearch",
          PullPolicy.IfNotPresent,
          "redis:7.4.2",
          "milvusdb/milvus:v2.5.14",
          "quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z");

  public ImageDefaults {
    Objects.requireNonNull(pullPolicy, "pull policy");
    require("registry", registry, REGISTRY);
    require("redis image", redis, REFERENCE);
    require("milvus image", milvus, REFERENCE);
    require("minio image", minio, REFERENCE);
  }

  /** {@code spec.images.<component>}, else {@code <registry>/<service>:<version>}. */
  public String service(ImageSearchCluster cluster, Component component) {
    Images images = images(cluster);
    String override = component.imageOverride(images);
    if (override != null) {
      return override;
    }
    String base = images.registry != null ? images.registry : registry;
    return base + "/" + component.id() + ":" + cluster.getSpec().version;
  }

  /** {@code spec.images.<dependency>}, else this installation's default for it. */
  public String dependency(ImageSearchCluster cluster, Dependency dependency) {
    String override = dependency.imageOverride(images(cluster));
    if (override != null) {
      return override;
    }
    return switch (dependency) {
      case REDIS -> redis;
      case MILVUS -> milvus;
      case OBJECT_STORE -> minio;
    };
  }

  public String pullPolicy(ImageSearchCluster cluster) {
    PullPolicy wanted = images(cluster).pullPolicy;
    return (wanted != null ? wanted : pullPolicy).name();
  }

  private static Images images(ImageSearchCluster cluster) {
    Images images = cluster.getSpec().images;
    return images == null ? new Images() : images;
  }

  private static void require(String what, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid default " + what + ": '" + value + "' (expected " + pattern.pattern() + ")");
    }
  }
}
