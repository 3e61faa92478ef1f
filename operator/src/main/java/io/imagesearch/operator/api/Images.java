package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.sundr.builder.annotations.Buildable;

/**
 * Where the images come from. Every field is optional; an absent one takes the operator's default
 * (set once per installation by the Helm chart's clusterDefaults), so the CRD declares no default
 * of its own.
 */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class Images {
  @Pattern(REGISTRY_PATTERN)
  @JsonPropertyDescription(
      "Registry (and path) of the four services, used as <registry>/<service>:<version>;"
          + " absent: the operator's default, ghcr.io/imagesearch unless the chart changed it.")
  public String registry;

  @JsonPropertyDescription(
      "imagePullPolicy of every container, dependencies included; absent: the operator's"
          + " default, IfNotPresent unless the chart changed it.")
  public PullPolicy pullPolicy;

  @JsonPropertyDescription("Full image reference of the ingest API, replacing registry/version.")
  public String ingestApi;

  @JsonPropertyDescription("Full image reference of the worker, replacing registry/version.")
  public String worker;

  @JsonPropertyDescription("Full image reference of the search API, replacing registry/version.")
  public String searchApi;

  @JsonPropertyDescription("Full image reference of the CDN, replacing registry/version.")
  public String cdn;

  @JsonPropertyDescription("Full image reference of the in-cluster Redis.")
  public String redis;

  @JsonPropertyDescription("Full image reference of the in-cluster Milvus.")
  public String milvus;

  @JsonPropertyDescription("Full image reference of the in-cluster MinIO.")
  public String minio;

  public String getRegistry() {
    return registry;
  }

  public void setRegistry(String registry) {
    this.registry = registry;
  }

  public PullPolicy getPullPolicy() {
    return pullPolicy;
  }

  public void setPullPolicy(PullPolicy pullPolicy) {
    this.pullPolicy = pullPolicy;
  }

  public String getIngestApi() {
    return ingestApi;
  }

  public void setIngestApi(String ingestApi) {
    this.ingestApi = ingestApi;
  }

  public String getWorker() {
    return worker;
  }

  public void setWorker(String worker) {
    this.worker = worker;
  }

  public String getSearchApi() {
    return searchApi;
  }

  public void setSearchApi(String searchApi) {
    this.searchApi = searchApi;
  }

  public String getCdn() {
    return cdn;
  }

  public void setCdn(String cdn) {
    this.cdn = cdn;
  }

  public String getRedis() {
    return redis;
  }

  public void setRedis(String redis) {
    this.redis = redis;
  }

  public String getMilvus() {
    return milvus;
  }

  public void setMilvus(String milvus) {
    this.milvus = milvus;
  }

  public String getMinio() {
    return minio;
  }

  public void setMinio(String minio) {
    this.minio = minio;
  }

  /** A registry host with an optional port and path, e.g. localhost:5000/team, no trailing /. */
  public static final String REGISTRY_PATTERN = "^[a-z0-9]([a-z0-9._:/-]*[a-z0-9])?$";

  /** Kubernetes' imagePullPolicy values, spelled as in a pod spec. */
  public enum PullPolicy {
    Always,
    IfNotPresent,
    Never
  }
}
