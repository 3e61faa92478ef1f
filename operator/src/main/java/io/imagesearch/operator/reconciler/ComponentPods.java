package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Names;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pods of a cluster's workloads, watched so the status can say why a component does not run
 * (crash loop, image pull, unschedulable). Only pods labelled as managed by the operator are
 * cached; they carry the cluster's name in app.kubernetes.io/instance (their owners are ReplicaSets
 * and StatefulSets, not the cluster, so owner references cannot map them).
 */
final class ComponentPods {
  static final String NAME = "component-pods";
  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static final String COMPONENT = "app.kubernetes.io/component";

  private ComponentPods() {}

  static InformerEventSource<Pod, ImageSearchCluster> eventSource(
      EventSourceContext<ImageSearchCluster> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Pod.class, ImageSearchCluster.class)
            .withName(NAME)
            .withLabelSelector(Names.MANAGED_BY_SELECTOR)
            .withSecondaryToPrimaryMapper(ComponentPods::owningCluster)
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  static Set<ResourceID> owningCluster(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    String instance = labels == null ? null : labels.get(INSTANCE);
    return instance == null
        ? Set.of()
        : Set.of(new ResourceID(instance, pod.getMetadata().getNamespace()));
  }

  /** The cluster's cached pods by their app.kubernetes.io/component label. */
  static Map<String, List<Pod>> byComponent(Context<ImageSearchCluster> context) {
    return context
        .getSecondaryResourcesAsStream(Pod.class)
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(p -> p.getMetadata().getLabels().containsKey(COMPONENT))
        .collect(Collectors.groupingBy(p -> p.getMetadata().getLabels().get(COMPONENT)));
  }
}
