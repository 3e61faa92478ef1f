package io.imagesearch.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.OidcSpec;
import io.imagesearch.operator.api.SecuritySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The security settings of the services clients call (ingest-api, search-api, cdn), as the {@code
 * imagesearch.security.*} keys of their environment. The admin key comes from a Secret, never as a
 * literal in the pod spec, which anyone who may read Deployments could see. The role -> scopes
 * mapping goes in {@code SPRING_APPLICATION_JSON} with each role in brackets, since an environment
 * variable's name cannot spell a role such as {@code Image-Admins} or {@code /photographers}.
 */
public final class SecurityEnv {
  public static final String ADMIN_KEY = "IMAGESEARCH_SECURITY_ADMIN_KEY";
  public static final String OIDC_ISSUER_URI = "IMAGESEARCH_SECURITY_OIDC_ISSUER_URI";
  public static final String OIDC_AUDIENCE = "IMAGESEARCH_SECURITY_OIDC_AUDIENCE";
  public static final String OIDC_JWK_SET_URI = "IMAGESEARCH_SECURITY_OIDC_JWK_SET_URI";
  public static final String OIDC_SCOPE_CLAIMS = "IMAGESEARCH_SECURITY_OIDC_SCOPE_CLAIMS";
  public static final String OIDC_ROLES_CLAIM = "IMAGESEARCH_SECURITY_OIDC_ROLES_CLAIM";
  public static final String OIDC_CLOCK_SKEW = "IMAGESEARCH_SECURITY_OIDC_CLOCK_SKEW";
  public static final String SPRING_APPLICATION_JSON = "SPRING_APPLICATION_JSON";
  static final String ROLE_SCOPES_KEY = "imagesearch.security.oidc.role-scopes";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SecurityEnv() {}

  public static List<EnvVar> forComponent(ImageSearchCluster cluster, Component component) {
    if (!component.servesClients()) {
      return List.of();
    }
    List<EnvVar> env = new ArrayList<>();
    env.add(CredentialEnv.fromSecret(ADMIN_KEY, adminKey(cluster)));
    OidcSpec oidc = spec(cluster).oidc;
    if (oidc != null) {
      env.add(new EnvVar(OIDC_ISSUER_URI, oidc.issuerUri, null));
      env.add(new EnvVar(OIDC_AUDIENCE, oidc.audience, null));
      addIfSet(env, OIDC_JWK_SET_URI, oidc.jwkSetUri);
      if (oidc.scopeClaims != null && !oidc.scopeClaims.isEmpty()) {
        env.add(new EnvVar(OIDC_SCOPE_CLAIMS, String.join(",", oidc.scopeClaims), null));
      }
      addIfSet(env, OIDC_ROLES_CLAIM, oidc.rolesClaim);
      addIfSet(env, OIDC_CLOCK_SKEW, oidc.clockSkew);
      if (oidc.roleScopes != null && !oidc.roleScopes.isEmpty()) {
        env.add(new EnvVar(SPRING_APPLICATION_JSON, roleScopesJson(oidc.roleScopes), null));
      }
    }
    return env;
  }

  /**
   * {@code {"imagesearch.security.oidc.role-scopes[<role>]": [scopes]}}, sorted so that the pod
   * spec only changes when the mapping does.
   */
  static String roleScopesJson(Map<String, List<OidcSpec.Scope>> roleScopes) {
    Map<String, List<OidcSpec.Scope>> flat = new TreeMap<>();
    roleScopes.forEach((role, scopes) -> flat.put(ROLE_SCOPES_KEY + "[" + role + "]", scopes));
    try {
      return JSON.writeValueAsString(flat);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render security.oidc.roleScopes", e);
    }
  }

  private static void addIfSet(List<EnvVar> env, String name, String value) {
    if (value != null) {
      env.add(new EnvVar(name, value, null));
    }
  }

  /** Where the admin key is: the user's Secret if the spec names one, else the generated one. */
  public static SecretKey adminKey(ImageSearchCluster cluster) {
    SecuritySpec.KeySecretRef ref = spec(cluster).adminKeySecretRef;
    if (ref == null) {
      return new SecretKey(CredentialsModel.name(cluster), CredentialsModel.ADMIN_API_KEY);
    }
    return new SecretKey(
        ref.name, ref.key == null ? SecuritySpec.KeySecretRef.DEFAULT_KEY : ref.key);
  }

  /** Whether the operator generates the admin key (the spec names no Secret for it). */
  public static boolean adminKeyGenerated(ImageSearchCluster cluster) {
    return spec(cluster).adminKeySecretRef == null;
  }

  private static SecuritySpec spec(ImageSearchCluster cluster) {
    SecuritySpec spec = cluster.getSpec().security;
    return spec == null ? new SecuritySpec() : spec;
  }
}
