package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.sundr.builder.annotations.Buildable;

/**
 * The desired installation. Schema classes keep public fields: they only mirror the YAML, and the
 * operator reads them directly. Each field also has a plain getter and setter, which the builders
 * sundrio generates ({@code @Buildable}, e.g. ImageSearchClusterSpecBuilder) copy and set through;
 * Jackson maps such a pair to the field's own property. Nothing else goes here: Jackson would take
 * a computed {@code getX()} or {@code isX()} for a property of the resource (SpecAccessorsTest and
 * JsonMappingTest fail on one).
 */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class ImageSearchClusterSpec {
  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
  @JsonPropertyDescription("Image tag of every service unless images overrides it.")
  public String version;

  @JsonPropertyDescription(
      "Registry, pull policy and per-component overrides; services default to"
          + " <registry>/<service>:<version>.")
  public Images images = new Images();

  @JsonPropertyDescription(
      "The embedding model. A change re-embeds the library in the background: the workers load it"
          + " at once, search-api once the recall gate switched (status.model, condition"
          + " ModelMigration); set it back to roll back without re-embedding.")
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

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public Images getImages() {
    return images;
  }

  public void setImages(Images images) {
    this.images = images;
  }

  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  public ServiceSpec getIngestApi() {
    return ingestApi;
  }

  public void setIngestApi(ServiceSpec ingestApi) {
    this.ingestApi = ingestApi;
  }

  public WorkerSpec getWorker() {
    return worker;
  }

  public void setWorker(WorkerSpec worker) {
    this.worker = worker;
  }

  public ServiceSpec getSearchApi() {
    return searchApi;
  }

  public void setSearchApi(ServiceSpec searchApi) {
    this.searchApi = searchApi;
  }

  public ServiceSpec getCdn() {
    return cdn;
  }

  public void setCdn(ServiceSpec cdn) {
    this.cdn = cdn;
  }

  public DependencySpec getRedis() {
    return redis;
  }

  public void setRedis(DependencySpec redis) {
    this.redis = redis;
  }

  public DependencySpec getMilvus() {
    return milvus;
  }

  public void setMilvus(DependencySpec milvus) {
    this.milvus = milvus;
  }

  public DependencySpec getObjectStore() {
    return objectStore;
  }

  public void setObjectStore(DependencySpec objectStore) {
    this.objectStore = objectStore;
  }

  public IngressSpec getIngress() {
    return ingress;
  }

  public void setIngress(IngressSpec ingress) {
    this.ingress = ingress;
  }

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }

  @JsonPropertyDescription("The admin API key and OIDC settings of ingest-api, search-api and cdn.")
  public SecuritySpec security = new SecuritySpec();

  public SecuritySpec getSecurity() {
    return security;
  }

  public void setSecurity(SecuritySpec security) {
    this.security = security;
  }
}
