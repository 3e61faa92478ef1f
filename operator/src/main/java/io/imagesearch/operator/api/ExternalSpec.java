package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A service run elsewhere. Secret keys: Redis {@code password}; Milvus {@code token}; object store
 * {@code accessKey} and {@code secretKey}.
 */
public class ExternalSpec {
  @Required
  @Size(min = 1)
  @JsonPropertyDescription("host:port for Redis, a URI for Milvus and the object store.")
  public String endpoint;

  @JsonPropertyDescription("Secret in the same namespace holding the credentials.")
  public SecretRef secretRef;

  /** The secret's name; optional so that services without authentication need none. */
  public static class SecretRef {
    @Required public String name;
  }
}
