package io.imagesearch.operator.scaling;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.time.Duration;
import java.util.Set;

/**
 * Reads each autoscaled cluster's backlog every {@link #PERIOD} and triggers a reconcile when the
 * worker count it asks for changes. A burst of uploads gets its workers within seconds, before one
 * worker could drain it alone, while the full reconcile keeps its slower recheck; the reads are two
 * cheap Redis commands, and a reconcile runs only on a change.
 */
public final class BacklogPolling {

  /** Short against the seconds an image takes to embed, long against the two commands it costs. */
  public static final Duration PERIOD = Duration.ofSeconds(5);

  /** The workers the backlog asks for; one per cluster, compared with the last poll's. */
  public record Demand(int workers) {}

  private BacklogPolling() {}

  public static PerResourcePollingEventSource<Demand, ImageSearchCluster, String> eventSource(
      EventSourceContext<ImageSearchCluster> context, WorkerScaler scaler) {
    var configuration =
        new PerResourcePollingConfigurationBuilder<Demand, ImageSearchCluster, String>(
                cluster -> fetch(scaler, cluster), PERIOD)
            .withName("backlog")
            .withResourceIDMapper(ResourceIDMapper.singleResourceResourceIDMapper())
            .build();
    return new PerResourcePollingEventSource<>(Demand.class, context, configuration);
  }

  static Set<Demand> fetch(WorkerScaler scaler, ImageSearchCluster cluster) {
    var demand = scaler.demand(cluster);
    return demand.isPresent() ? Set.of(new Demand(demand.getAsInt())) : Set.of();
  }
}
