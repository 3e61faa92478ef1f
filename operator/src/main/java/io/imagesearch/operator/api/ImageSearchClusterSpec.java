package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The desired installation. Schema classes keep public fields: they only mirror the YAML, and the
 * CRD generator and Jackson both read them directly.
 */
public class ImageSearchClusterSpec {
  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
  @JsonPropertyDescription("Image tag of every service unless images overrides it.")
  public String version;

  @JsonPropertyDescription(
      "Registry, pull policy and per-component overrides; services default to"
          + " <registry>/<service>:<version>.")
  public Images images = new Images();

  public ModelSpec model = new ModelSpec();

  public ServiceSpec ingestApi = new ServiceSpec();
  public WorkerSpec worker = new WorkerSpec();
  public ServiceSpec searchApi = new ServiceSpec();
  public ServiceSpec cdn = new ServiceSpec();

  @JsonPropertyDescription("Redis (task queue). Absent means inCluster with defaults.")
  public DependencySpec redis;

  @JsonPropertyDescription("Milvus (vector index). Absent means inCluster with defaults.")
  public DependencySpec milvus;

  @JsonPropertyDescription("S3-compatible object store. Absent means an in-cluster MinIO.")
  public DependencySpec objectStore;

  public IngressSpec ingress = new IngressSpec();
  public MonitoringSpec monitoring = new MonitoringSpec();

  @JsonPropertyDescription("The admin API key and OIDC settings of ingest-api, search-api and cdn.")
  public SecuritySpec security = new SecuritySpec();

  public SecuritySpec getSecurity() {
    return security;
  }

  public void setSecurity(SecuritySpec security) {
    this.security = security;
  }
}
