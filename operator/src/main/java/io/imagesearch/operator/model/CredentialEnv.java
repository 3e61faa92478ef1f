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
        for (CredentialKeys credential : dependency.credentials()) {
          secretKey(cluster, dependency, credential)
              .ifPresent(ref -> env.add(fromSecret(credential.envVar(), ref)));
        }
      }
    }
    return env;
  }

  /** The Secret key holding a dependency's credential, if it has one. */
  public static Optional<SecretKey> secretKey(
      ImageSearchCluster cluster, Dependency dependency, CredentialKeys credential) {
    DependencySpec spec = dependency.spec(cluster);
    if (spec.external == null) {
      return credential.generated()
          ? Optional.of(new SecretKey(CredentialsModel.name(cluster), credential.generatedKey()))
          : Optional.empty();
    }
    if (spec.external.secretRef == null) {
      return Optional.empty();
    }
    return Optional.of(new SecretKey(spec.external.secretRef.name, credential.externalKey()));
  }

  public static EnvVar fromSecret(String name, SecretKey ref) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(ref.secret())
        .withKey(ref.key())
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
