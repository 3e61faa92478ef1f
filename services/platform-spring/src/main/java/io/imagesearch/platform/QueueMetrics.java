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
