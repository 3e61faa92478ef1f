package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/** Child names, recommended labels and ownership shared by every child. */
public final class Names {
  public static final String PART_OF = "imagesearch";
  public static final String MANAGED_BY = "imagesearch-operator";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** Selects the operator's children: every informer of the operator is limited to them. */
  public static final String MANAGED_BY_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  private Names() {}

  public static String child(ImageSearchCluster cluster, String suffix) {
    return cluster.getMetadata().getName() + "-" + suffix;
  }

  /** The stable labels a Service or selector matches on (never the version). */
  public static Map<String, String> selector(ImageSearchCluster cluster, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", PART_OF);
    labels.put("app.kubernetes.io/instance", cluster.getMetadata().getName());
    labels.put("app.kubernetes.io/component", component);
    return labels;
  }

  public static Map<String, String> labels(ImageSearchCluster cluster, String component) {
    Map<String, String> labels = selector(cluster, component);
    labels.put("app.kubernetes.io/part-of", PART_OF);
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put("app.kubernetes.io/version", cluster.getSpec().version);
    return labels;
  }

  /** Metadata of a child in the cluster's namespace, labelled, not yet owned. */
  public static ObjectMeta metadata(ImageSearchCluster cluster, String name, String component) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(labels(cluster, component))
        .build();
  }

  /** Makes the cluster the controlling owner so deleting it garbage-collects the child. */
  public static <T extends HasMetadata> T owned(T child, ImageSearchCluster cluster) {
    // Controller owner: kubectl and the garbage collector treat the cluster as the manager.
    child.addOwnerReference(
        new OwnerReferenceBuilder()
            .withApiVersion(cluster.getApiVersion())
            .withKind(cluster.getKind())
            .withName(cluster.getMetadata().getName())
            .withUid(cluster.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build());
    return child;
  }
}
