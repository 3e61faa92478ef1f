package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.OidcSpec;
import io.imagesearch.operator.api.SecuritySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The security settings of the services clients call (ingest-api, search-api, cdn), as the {@code
 * imagesearch.security.*} keys of their environment. The admin key comes from a Secret, never as a
 * literal in the pod spec, which anyone who may read Deployments could see.
 */
public final class SecurityEnv {
  public static final String ADMIN_KEY = "IMAGESEARCH_SECURITY_ADMIN_KEY";
  public static final String OIDC_ISSUER_URI = "IMAGESEARCH_SECURITY_OIDC_ISSUER_URI";
  public static final String OIDC_AUDIENCE = "IMAGESEARCH_SECURITY_OIDC_AUDIENCE";
  public static final String OIDC_JWK_SET_URI = "IMAGESEARCH_SECURITY_OIDC_JWK_SET_URI";

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
      if (oidc.jwkSetUri != null) {
        env.add(new EnvVar(OIDC_JWK_SET_URI, oidc.jwkSetUri, null));
      }
    }
    return env;
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
