package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;

/**
 * A service run elsewhere. Secret keys: Redis {@code password}; Milvus {@code token}; object store
 * {@code accessKey} and {@code secretKey}.
 */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class ExternalSpec {
  @Required
  @Size(min = 1)
  @JsonPropertyDescription("host:port for Redis, a URI for Milvus and the object store.")
  public String endpoint;

  @JsonPropertyDescription("Secret in the same namespace holding the credentials.")
  public SecretRef secretRef;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public SecretRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(SecretRef secretRef) {
    this.secretRef = secretRef;
  }

  /**
   * The secret's name; optional so that services without authentication need none. Built by hand:
   * sundrio generates no builder for a nested class.
   */
  public static class SecretRef {
    @Required public String name;
  }
}
