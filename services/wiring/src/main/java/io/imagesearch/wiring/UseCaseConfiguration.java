package io.imagesearch.wiring;

import io.imagesearch.application.IngestWorker;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.application.WorkerPool;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.web.BackpressureGuard;
import io.imagesearch.web.WorkerLifecycle;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The use cases, each declared once for both modes on the ports only; an app imports the parts it
 * needs and its mode's adapters behind the ports.
 */
public final class UseCaseConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(UseCaseConfiguration.class);

  private UseCaseConfiguration() {}

  /** Pieces every use case needs, and the ingest settings they read. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IngestSettings.class)
  public static class Common {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    ImageDecoder imageDecoder(IngestSettings ingest) {
      ImageDecoder decoder = new ImageDecoder(ingest.decoderLimits(), ingest.jpegCodec());
      LOG.info("JPEG codec: {}", ingest.jpegCodec().describe());
      return decoder;
    }
  }

  /** Accepting uploads. */
  @Configuration(proxyBeanMethods = false)
  public static class Uploads {
    @Bean
    UploadService uploadService(
        ImageDecoder decoder,
        ObjectStore objects,
        TaskQueue queue,
        TaskStatusStore statuses,
        Clock clock) {
      return new UploadService(decoder, objects, queue, statuses, clock);
    }

    @Bean
    BackpressureGuard backpressureGuard(TaskQueue queue, IngestSettings ingest) {
      return new BackpressureGuard(queue, ingest.maxBacklog());
    }
  }

  /** Processing tasks on worker threads that start and stop with the context. */
  @Configuration(proxyBeanMethods = false)
  public static class Worker {
    @Bean
    IngestWorker ingestWorker(
        TaskQueue queue,
        TaskStatusStore statuses,
        ObjectStore objects,
        VectorIndex index,
        Embedder embedder,
        ImageDecoder decoder,
        Clock clock,
        IngestSettings ingest) {
      return new IngestWorker(
          queue,
          statuses,
          objects,
          index,
          embedder,
          decoder,
          Thumbnailer.defaults(ingest.jpegCodec()),
          ingest.workerSettings(),
          clock);
    }

    @Bean
    WorkerPool workerPool(IngestWorker worker, ConsumerPrefix consumers, IngestSettings ingest) {
      return new WorkerPool(worker, consumers.value(), ingest.shutdownGracePeriod());
    }

    @Bean
    WorkerLifecycle workerLifecycle(WorkerPool pool, IngestSettings ingest) {
      return new WorkerLifecycle(pool, ingest.workers());
    }
  }

  /** Searching. */
  @Configuration(proxyBeanMethods = false)
  public static class Search {
    @Bean
    SearchService searchService(
        Embedder embedder, VectorIndex index, ObjectStore objects, ImageDecoder decoder) {
      return new SearchService(embedder, index, objects, decoder);
    }
  }
}
