package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.sundr.builder.annotations.Buildable;

/**
 * Exposes the search API, ingest API and CDN under one host, over TLS unless plain HTTP is asked
 * for by name: every request carries an API key or a token.
 */
@ValidationRule(
    value = "!self.enabled || has(self.host)",
    message = "ingress.host is required when ingress is enabled")
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
@ValidationRule(
    value = "!self.enabled || has(self.tlsSecretName) || self.allowPlainHttp",
    fieldPath = ".tlsSecretName",
    reason = "FieldValueRequired",
    message =
        "ingress.tlsSecretName is required when ingress is enabled: name the kubernetes.io/tls"
            + " Secret for ingress.host (cert-manager can create it), or set"
            + " ingress.allowPlainHttp: true to serve plain HTTP, which sends API keys and tokens"
            + " in clear text")
public class IngressSpec {
  @Default("false")
  public boolean enabled;

  public String host;
  public String className;

  @JsonPropertyDescription(
      "TLS Secret (kubernetes.io/tls) for host; required when enabled unless allowPlainHttp.")
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

  @Default("false")
  @JsonPropertyDescription(
      "Serve plain HTTP without tlsSecretName. Only where TLS ends in front of the ingress"
          + " controller or on a network nobody else can read: API keys and tokens travel in"
          + " every request.")
  public boolean allowPlainHttp;

  @JsonPropertyDescription(
      "Namespaces of the ingress controller, the only pods outside this cluster resource that may"
          + " reach the HTTP port of ingest-api, search-api and cdn (NetworkPolicy), e.g."
          + " matchLabels: {kubernetes.io/metadata.name: ingress-nginx}. Absent: pods of every"
          + " namespace.")
  public LabelSelector controllerNamespaceSelector;

  @JsonPropertyDescription(
      "The ingress controller's pods within controllerNamespaceSelector, e.g. matchLabels:"
          + " {app.kubernetes.io/name: ingress-nginx}. Absent: every pod there.")
  public LabelSelector controllerPodSelector;

  public boolean isAllowPlainHttp() {
    return allowPlainHttp;
  }

  public void setAllowPlainHttp(boolean allowPlainHttp) {
    this.allowPlainHttp = allowPlainHttp;
  }

  public LabelSelector getControllerNamespaceSelector() {
    return controllerNamespaceSelector;
  }

  public void setControllerNamespaceSelector(LabelSelector controllerNamespaceSelector) {
    this.controllerNamespaceSelector = controllerNamespaceSelector;
  }

  public LabelSelector getControllerPodSelector() {
    return controllerPodSelector;
  }

  public void setControllerPodSelector(LabelSelector controllerPodSelector) {
    this.controllerPodSelector = controllerPodSelector;
  }
}
