package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Secret-backed env vars: credentials never go into the ConfigMap. */
public final class CredentialEnv {
  private CredentialEnv() {}

  /** The credentials a service's pods need, for every dependency it talks to. */
  public static List<EnvVar> forComponent(ImageSearchCluster cluster, Component component) {
    List<EnvVar> env = new ArrayList<>();
    for (Dependency dependency : Dependency.values()) {
      if (dependency.clients().contains(component)) {
        for (String var : dependency.credentialEnvVars()) {
          secretRef(cluster, dependency, var)
              .ifPresent(ref -> env.add(fromSecret(var, ref[0], ref[1])));
        }
      }
    }
    return env;
  }

  /** (secret name, key) holding a dependency's credential, if it has one. */
  public static Optional<String[]> secretRef(
      ImageSearchCluster cluster, Dependency dependency, String envVar) {
    DependencySpec spec = dependency.spec(cluster);
    if (spec.external == null) {
      String key = dependency.generatedKey(envVar);
      return key == null
          ? Optional.empty()
          : Optional.of(new String[] {CredentialsModel.name(cluster), key});
    }
    if (spec.external.secretRef == null) {
      return Optional.empty();
    }
    return Optional.of(new String[] {spec.external.secretRef.name, dependency.externalKey(envVar)});
  }

  public static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
