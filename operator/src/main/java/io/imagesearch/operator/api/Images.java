package io.imagesearch.operator.api;

/** Image overrides, full references such as registry/repo:tag; null means the default. */
public class Images {
  public String ingestApi;
  public String worker;
  public String searchApi;
  public String cdn;
  public String redis;
  public String milvus;
  public String minio;
}
