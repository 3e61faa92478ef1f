package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/** Exposes the search API, ingest API and CDN under one host. */
@ValidationRule(
    value = "!self.enabled || has(self.host)",
    message = "ingress.host is required when ingress is enabled")
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class IngressSpec {
  public boolean enabled;
  public String host;
  public String className;

  @JsonPropertyDescription("TLS secret for host; plain HTTP when absent.")
  public String tlsSecretName;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getClassName() {
    return className;
  }

  public void setClassName(String className) {
    this.className = className;
  }

  public String getTlsSecretName() {
    return tlsSecretName;
  }

  public void setTlsSecretName(String tlsSecretName) {
    this.tlsSecretName = tlsSecretName;
  }
}
