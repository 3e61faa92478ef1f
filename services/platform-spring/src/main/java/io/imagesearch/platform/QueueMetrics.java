package io.imagesearch.platform;

import io.imagesearch.core.port.TaskQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** The queue backlog as a gauge: the signal for alerts and for scaling workers. */
@Component
public class QueueMetrics implements InitializingBean {

  private final TaskQueue queue;
  private final MeterRegistry meters;

  public QueueMetrics(TaskQueue queue, MeterRegistry meters) {
    this.queue = queue;
    this.meters = meters;
  }

  @Override
  public void afterPropertiesSet() {
    Gauge.builder("imagesearch.queue.backlog", queue, QueueMetrics::backlogOrNaN)
        .description("Tasks accepted and not yet finished")
        .register(meters);
    Gauge.builder("imagesearch.queue.oldest.age", queue, QueueMetrics::oldestAgeOrNaN)
        .description("Seconds since the oldest unfinished task was accepted; 0 when none waits")
        .baseUnit("seconds")
        .register(meters);
  }

  private static double oldestAgeOrNaN(TaskQueue queue) {
    try {
      return queue
          .oldestAcceptedAt()
          .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0)
          .orElse(0.0);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** A scrape while Redis is down reports NaN rather than failing the whole scrape. */
  private static double backlogOrNaN(TaskQueue queue) {
    try {
      return queue.backlog();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
