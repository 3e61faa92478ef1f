package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.sundr.builder.annotations.Buildable;

/** Credentials of the HTTP services (ingest-api, search-api, cdn): the admin API key and OIDC. */
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class SecuritySpec {
  @JsonPropertyDescription(
      "Secret holding the admin API key (isk_<16 hex>_<64 hex>) the HTTP services adopt at"
          + " start-up. Absent: the operator generates one into <name>-credentials, key"
          + " admin-api-key, once, and keeps it.")
  public KeySecretRef adminKeySecretRef;

  @JsonPropertyDescription(
      "OIDC/JWT bearer tokens the HTTP services accept besides API keys. Absent: API keys only.")
  public OidcSpec oidc;

  public KeySecretRef getAdminKeySecretRef() {
    return adminKeySecretRef;
  }

  public void setAdminKeySecretRef(KeySecretRef adminKeySecretRef) {
    this.adminKeySecretRef = adminKeySecretRef;
  }

  public OidcSpec getOidc() {
    return oidc;
  }

  public void setOidc(OidcSpec oidc) {
    this.oidc = oidc;
  }

  /** A key of a Secret in the cluster's namespace. */
  public static class KeySecretRef {
    public static final String DEFAULT_KEY = "admin-api-key";

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    public String name;

    @Default(DEFAULT_KEY)
    @Pattern("^[-._a-zA-Z0-9]{1,253}$")
    public String key = DEFAULT_KEY;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }
  }
}
