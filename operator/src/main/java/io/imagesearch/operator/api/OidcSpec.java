package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/**
 * The token issuer the HTTP services trust. Only https: keys and tokens fetched or checked over
 * plain HTTP could be swapped by anyone on the path.
 */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class OidcSpec {
  static final String HTTPS_URL =
      "isURL(self) && url(self).getScheme() == 'https' && url(self).getHostname() != ''";

  @Required
  @Size(min = 1, max = 2048)
  @ValidationRule(
      value = HTTPS_URL,
      message =
          "security.oidc.issuerUri must be an https URL, the issuer's iss claim, e.g."
              + " https://login.example.com/realms/images")
  @JsonPropertyDescription(
      "The issuer (iss claim); its /.well-known/openid-configuration names the signing keys.")
  public String issuerUri;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("The audience (aud claim) a token must name to be accepted.")
  public String audience;

  @Size(min = 1, max = 2048)
  @ValidationRule(
      value = HTTPS_URL,
      message =
          "security.oidc.jwkSetUri must be an https URL, e.g."
              + " https://login.example.com/realms/images/protocol/openid-connect/certs")
  @JsonPropertyDescription(
      "The issuer's JWK Set, when it publishes no discovery document. Absent: discovered.")
  public String jwkSetUri;

  public String getIssuerUri() {
    return issuerUri;
  }

  public void setIssuerUri(String issuerUri) {
    this.issuerUri = issuerUri;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public String getJwkSetUri() {
    return jwkSetUri;
  }

  public void setJwkSetUri(String jwkSetUri) {
    this.jwkSetUri = jwkSetUri;
  }
}
