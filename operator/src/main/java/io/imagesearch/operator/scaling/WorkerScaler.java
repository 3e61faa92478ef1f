package io.imagesearch.operator.scaling;

import io.imagesearch.operator.api.AutoscalingSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.WorkerSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link WorkerScaleDecision} per cluster (the stabilisation window is in memory: a
 * restarted operator starts from the replicas it last reported) and answers the worker replicas the
 * Deployment should have, or null when KEDA owns them.
 */
public final class WorkerScaler {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerScaler.class);

  private final BacklogSource backlog;
  private final Clock clock;
  private final Map<String, WorkerScaleDecision> decisions = new ConcurrentHashMap<>();

  public WorkerScaler(BacklogSource backlog, Clock clock) {
    this.backlog = backlog;
    this.clock = clock;
  }

  public record Result(Integer replicas, OptionalLong backlog) {}

  public Result decide(ImageSearchCluster cluster) {
    WorkerSpec worker = cluster.getSpec().worker;
    AutoscalingSpec autoscaling = worker.autoscaling;
    if (autoscaling == null) {
      return new Result(worker.replicas, OptionalLong.empty());
    }
    OptionalLong observed = backlog.backlog(cluster);
    if (autoscaling.mode == AutoscalingSpec.Mode.keda) {
      return new Result(null, observed);
    }
    var settings = settings(autoscaling);
    String key = cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName();
    Integer reported = cluster.getStatus() == null ? null : cluster.getStatus().workers;
    WorkerScaleDecision decision =
        decisions.computeIfAbsent(
            key, k -> new WorkerScaleDecision(reported != null ? reported : autoscaling.min));
    int before = decision.current();
    int replicas =
        observed.isPresent()
            ? decision.next(observed.getAsLong(), settings, clock.instant())
            : Math.clamp(decision.current(), settings.min(), settings.max());
    if (replicas != before) {
      LOG.info(
          "Workers of {}: {} -> {} (backlog {}, {} per worker, window {} s)",
          key,
          before,
          replicas,
          observed.isPresent() ? observed.getAsLong() : "unread",
          autoscaling.targetBacklogPerWorker,
          autoscaling.stabilizationSeconds);
    }
    return new Result(replicas, observed);
  }

  /**
   * The workers the backlog asks for now, before any stabilisation window: what {@link
   * BacklogPolling} watches. Empty when the operator does not scale this cluster's workers or the
   * backlog cannot be read.
   */
  public OptionalInt demand(ImageSearchCluster cluster) {
    AutoscalingSpec autoscaling = cluster.getSpec().worker.autoscaling;
    if (autoscaling == null || autoscaling.mode == AutoscalingSpec.Mode.keda) {
      return OptionalInt.empty();
    }
    OptionalLong observed = backlog.backlog(cluster);
    return observed.isPresent()
        ? OptionalInt.of(
            WorkerScaleDecision.recommendation(observed.getAsLong(), settings(autoscaling)))
        : OptionalInt.empty();
  }

  private static WorkerScaleDecision.Settings settings(AutoscalingSpec autoscaling) {
    return new WorkerScaleDecision.Settings(
        autoscaling.min,
        autoscaling.max,
        autoscaling.targetBacklogPerWorker,
        Duration.ofSeconds(autoscaling.stabilizationSeconds));
  }

  public void forget(ImageSearchCluster cluster) {
    decisions.remove(cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName());
  }
}
