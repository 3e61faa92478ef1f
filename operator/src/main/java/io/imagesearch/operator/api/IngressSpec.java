package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Exposes the search API, ingest API and CDN under one host. */
@ValidationRule(
    value = "!self.enabled || has(self.host)",
    message = "ingress.host is required when ingress is enabled")
public class IngressSpec {
  public boolean enabled;
  public String host;
  public String className;

  @JsonPropertyDescription("TLS secret for host; plain HTTP when absent.")
  public String tlsSecretName;
}
