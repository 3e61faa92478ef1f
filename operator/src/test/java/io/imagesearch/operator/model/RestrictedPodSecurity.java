package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checks of the restricted Pod Security Standard (baseline included) that a pod spec alone
 * decides, as kubernetes.io/docs/concepts/security/pod-security-standards/ lists them.
 */
final class RestrictedPodSecurity {
  private static final Set<String> SECCOMP = Set.of("RuntimeDefault", "Localhost");

  private RestrictedPodSecurity() {}

  /** Empty when a namespace enforcing restricted would admit the pod. */
  static List<String> violations(PodSpec pod) {
    List<String> out = new ArrayList<>();
    if (Boolean.TRUE.equals(pod.getHostNetwork())
        || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      out.add("host namespaces");
    }
    for (Volume v : pod.getVolumes()) {
      if (v.getConfigMap() == null
          && v.getEmptyDir() == null
          && v.getPersistentVolumeClaim() == null
          && v.getSecret() == null
          && v.getProjected() == null
          && v.getDownwardAPI() == null
          && v.getCsi() == null
          && v.getEphemeral() == null) {
        out.add("volume type of " + v.getName());
      }
    }
    var podContext = pod.getSecurityContext();
    boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
    boolean podSeccomp =
        podContext != null
            && podContext.getSeccompProfile() != null
            && SECCOMP.contains(podContext.getSeccompProfile().getType());
    if (podContext != null && Objects.equals(podContext.getRunAsUser(), 0L)) {
      out.add("pod runAsUser 0");
    }
    List<Container> containers =
        Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
    for (Container c : containers) {
      String name = c.getName() + ": ";
      SecurityContext sc = c.getSecurityContext();
      if (sc == null) {
        out.add(name + "no securityContext");
        continue;
      }
      if (Boolean.TRUE.equals(sc.getPrivileged())) {
        out.add(name + "privileged");
      }
      if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        out.add(name + "allowPrivilegeEscalation not false");
      }
      if (!podNonRoot && !Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
        out.add(name + "runAsNonRoot not true");
      }
      if (Objects.equals(sc.getRunAsUser(), 0L)) {
        out.add(name + "runAsUser 0");
      }
      boolean seccomp =
          sc.getSeccompProfile() == null
              ? podSeccomp
              : SECCOMP.contains(sc.getSeccompProfile().getType());
      if (!seccomp) {
        out.add(name + "seccomp profile not RuntimeDefault or Localhost");
      }
      var caps = sc.getCapabilities();
      if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        out.add(name + "capabilities not dropping ALL");
      }
      if (caps != null
          && caps.getAdd() != null
          && caps.getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
        out.add(name + "capabilities added");
      }
      if (c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
        out.add(name + "hostPort");
      }
    }
    return out;
  }
}
