package io.imagesearch.clustere2e;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * What a failed wait on the demo platform prints: each pod's phase, readiness and restarts, and the
 * last lines of the named components' logs, so a red run says why without a rerun.
 */
final class PlatformReport {
  private static final int LOG_LINES = 40;

  private PlatformReport() {}

  static String of(DemoPlatform platform, List<String> logsOf) {
    StringBuilder report = new StringBuilder("\npods:");
    for (Pod pod : platform.client().pods().inNamespace(DemoPlatform.NAMESPACE).list().getItems()) {
      report
          .append("\n  ")
          .append(pod.getMetadata().getName())
          .append(' ')
          .append(pod.getStatus() == null ? "?" : pod.getStatus().getPhase())
          .append(Pods.ready(pod) ? " ready" : " not ready")
          .append(", restarts ")
          .append(Pods.restarts(pod));
    }
    for (String component : logsOf) {
      for (Pod pod : platform.pods(component)) {
        report.append("\nlast lines of ").append(pod.getMetadata().getName()).append(":\n");
        report.append(tail(platform, pod));
      }
    }
    return report.toString();
  }

  private static String tail(DemoPlatform platform, Pod pod) {
    try {
      return platform
          .client()
          .pods()
          .inNamespace(DemoPlatform.NAMESPACE)
          .withName(pod.getMetadata().getName())
          .tailingLines(LOG_LINES)
          .getLog();
    } catch (RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
