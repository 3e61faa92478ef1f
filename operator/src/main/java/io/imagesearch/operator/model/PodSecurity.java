package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The restricted Pod Security Standard for every pod: non-root with a numeric user (so runAsNonRoot
 * can be verified whatever the image declares), read-only root filesystem with a writable /tmp, no
 * capabilities, default seccomp profile.
 */
public final class PodSecurity {
  public static final long USER = 10001L;

  private PodSecurity() {}

  public static PodSecurityContext pod(long user) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(user)
        .withRunAsGroup(user)
        .withFsGroup(user)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .addToDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static Volume tmpVolume() {
    return new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build();
  }

  public static VolumeMount tmpMount() {
    return new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build();
  }
}
