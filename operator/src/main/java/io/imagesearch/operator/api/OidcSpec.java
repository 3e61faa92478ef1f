package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import java.util.List;
import java.util.Map;

/**
 * The token issuer the HTTP services trust. Only https: keys and tokens fetched or checked over
 * plain HTTP could be swapped by anyone on the path.
 */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
@ValidationRule(
    value = "has(self.rolesClaim) == has(self.roleScopes)",
    message =
        "security.oidc.rolesClaim and security.oidc.roleScopes go together: the claim holding"
            + " the roles and the scopes each role grants")
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

  @Size(min = 1, max = 8)
  @JsonPropertyDescription(
      "Claims whose words (a space-separated string or a list) name scopes directly: search,"
          + " upload, delete, admin. Absent: scope and scp.")
  public List<@Size(min = 1, max = 256) String> scopeClaims;

  @Size(min = 1, max = 256)
  @ValidationRule(
      value = "!self.startsWith('.') && !self.endsWith('.')",
      message =
          "security.oidc.rolesClaim is a dot-separated claim path, e.g. realm_access.roles"
              + " (Keycloak) or groups (Dex)")
  @JsonPropertyDescription(
      "Dot-separated path to the token's list of roles: realm_access.roles (Keycloak), groups"
          + " (Dex). Absent: roles grant nothing.")
  public String rolesClaim;

  // The scopes are an enum rather than a CEL rule over the lists: the API server refuses a rule
  // whose estimated cost over every list of every role exceeds its budget.
  @Size(min = 1, max = 64)
  @ValidationRule(
      value = "self.all(role, !role.contains('[') && !role.contains(']'))",
      message = "security.oidc.roleScopes: a role name cannot hold [ or ]")
  @JsonPropertyDescription(
      "The scopes each role grants (search, upload, delete, admin), e.g. image-admins: [admin];"
          + " role names are kept exactly.")
  public Map<String, List<Scope>> roleScopes;

  @Pattern("^[0-9]{1,3}(s|m)$")
  @ValidationRule(
      value = "duration(self) <= duration('5m')",
      message = "security.oidc.clockSkew must be between 0s and 5m, e.g. 60s")
  @JsonPropertyDescription(
      "How far the issuer's clock and the services' may differ on exp and nbf (0s to 5m)."
          + " Absent: 60s.")
  public String clockSkew;

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

  public List<String> getScopeClaims() {
    return scopeClaims;
  }

  public void setScopeClaims(List<String> scopeClaims) {
    this.scopeClaims = scopeClaims;
  }

  public String getRolesClaim() {
    return rolesClaim;
  }

  public void setRolesClaim(String rolesClaim) {
    this.rolesClaim = rolesClaim;
  }

  public Map<String, List<Scope>> getRoleScopes() {
    return roleScopes;
  }

  public void setRoleScopes(Map<String, List<Scope>> roleScopes) {
    this.roleScopes = roleScopes;
  }

  public String getClockSkew() {
    return clockSkew;
  }

  public void setClockSkew(String clockSkew) {
    this.clockSkew = clockSkew;
  }

  /** A scope of the services, spelled as they spell it. */
  public enum Scope {
    search,
    upload,
    delete,
    admin
  }
}
