package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.ScaledObjectModel;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The third-party kinds a cluster may ask for, whose CRDs another project (Prometheus Operator,
 * KEDA) installs. A CRD seen once is remembered per API server; a missing one is asked for again on
 * every reconciliation, and the reconciler polls while one is wanted and missing, so installing
 * Prometheus Operator or KEDA later is picked up without restarting the operator.
 */
public enum OptionalKind {
  SERVICE_MONITOR(
      "servicemonitors.monitoring.coreos.com",
      c -> c.getSpec().monitoring != null && c.getSpec().monitoring.serviceMonitor),
  PROMETHEUS_RULE(
      "prometheusrules.monitoring.coreos.com",
      c -> c.getSpec().monitoring != null && c.getSpec().monitoring.prometheusRule),
  SCALED_OBJECT("scaledobjects.keda.sh", ScaledObjectModel::wanted);

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private final String crd;
  private final Predicate<ImageSearchCluster> wanted;

  OptionalKind(String crd, Predicate<ImageSearchCluster> wanted) {
    this.crd = crd;
    this.wanted = wanted;
  }

  public String crd() {
    return crd;
  }

  /** Wanted by the cluster's spec and its CRD installed: the child is created. */
  public boolean usable(ImageSearchCluster cluster, KubernetesClient client) {
    return wanted.test(cluster) && installed(client);
  }

  /** Whether some kind the cluster wants still lacks its CRD. */
  public static boolean anyMissing(ImageSearchCluster cluster, KubernetesClient client) {
    return Arrays.stream(values()).anyMatch(k -> k.wanted.test(cluster) && !k.installed(client));
  }

  private boolean installed(KubernetesClient client) {
    // Keyed by server too: tests run operators against several API servers in one JVM.
    String key = client.getMasterUrl() + " " + crd;
    if (SEEN.contains(key)) {
      return true;
    }
    boolean present = client.resources(CustomResourceDefinition.class).withName(crd).get() != null;
    if (present) {
      SEEN.add(key);
    }
    return present;
  }
}
