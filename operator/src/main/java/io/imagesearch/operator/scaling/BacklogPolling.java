package io.imagesearch.operator.scaling;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingEventSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the backlog of each cluster whose workers the operator scales every {@link #PERIOD} and
 * triggers a reconcile when the worker count it asks for changes. A burst of uploads gets its
 * workers within seconds, before one worker could drain it alone, while the full reconcile keeps
 * its slower recheck; a poll costs two Redis commands per cluster, and a reconcile runs only on a
 * change.
 *
 * <p>One timer for all clusters (JOSDK's {@link PollingEventSource}), not a chain of tasks per
 * cluster: a tick that fails, or comes before the operator leads, is simply the next tick's to
 * repeat, where a per-resource chain would stop for good.
 */
public final class BacklogPolling {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogPolling.class);

  /** Short against the seconds an image takes to embed, long against the two commands it costs. */
  public static final Duration PERIOD = Duration.ofSeconds(5);

  /** The workers the backlog asks for; one per cluster, compared with the last poll's. */
  public record Demand(int workers) {}

  private BacklogPolling() {}

  public static PollingEventSource<Demand, ImageSearchCluster, String> eventSource(
      EventSourceContext<ImageSearchCluster> context, WorkerScaler scaler) {
    var configuration =
        new PollingConfigurationBuilder<Demand, String>(
                () -> fetchAll(context.getPrimaryCache().list().toList(), scaler), PERIOD)
            .withName("backlog")
            .withResourceIDMapper(ResourceIDMapper.singleResourceResourceIDMapper())
            .build();
    return new PollingEventSource<>(Demand.class, configuration);
  }

  /** Each cluster's demand; one whose backlog cannot be read has none, the others still count. */
  static Map<ResourceID, Set<Demand>> fetchAll(
      Iterable<ImageSearchCluster> clusters, WorkerScaler scaler) {
    Map<ResourceID, Set<Demand>> demands = new HashMap<>();
    for (ImageSearchCluster cluster : clusters) {
      try {
        demands.put(ResourceID.fromResource(cluster), fetch(scaler, cluster));
      } catch (RuntimeException e) {
        LOG.warn(
            "Backlog of {}/{} not read: {}",
            cluster.getMetadata().getNamespace(),
            cluster.getMetadata().getName(),
            e.toString());
      }
    }
    return demands;
  }

  static Set<Demand> fetch(WorkerScaler scaler, ImageSearchCluster cluster) {
    var demand = scaler.demand(cluster);
    return demand.isPresent() ? Set.of(new Demand(demand.getAsInt())) : Set.of();
  }
}
