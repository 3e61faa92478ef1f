package io.imagesearch.platform;

import io.imagesearch.application.IngestWorker;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.application.WorkerPool;
import io.imagesearch.application.WorkerSettings;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.web.BackpressureGuard;
import io.imagesearch.web.WorkerLifecycle;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The use cases, each declared once; a service imports the configurations it needs. */
public final class UseCaseConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(UseCaseConfiguration.class);

  private UseCaseConfiguration() {}

  /** Pieces every service uses. */
  @Configuration(proxyBeanMethods = false)
  public static class Common {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    ImageDecoder imageDecoder(PlatformProperties props) {
      ImageDecoder decoder =
          new ImageDecoder(
              new DecoderLimits(
                  props.ingest().maxImageBytes(),
                  props.ingest().maxImagePixels(),
                  DecoderLimits.DEFAULT.minSide()),
              props.ingest().jpegCodec());
      LOG.info("JPEG codec: {}", props.ingest().jpegCodec().describe());
      return decoder;
    }
  }

  /** Accepting uploads (ingest API). */
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
    BackpressureGuard backpressureGuard(TaskQueue queue, PlatformProperties props) {
      return new BackpressureGuard(queue, props.ingest().maxBacklog());
    }
  }

  /** Processing tasks (worker). */
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
        PlatformProperties props) {
      PlatformProperties.Ingest ingest = props.ingest();
      WorkerSettings settings =
          new WorkerSettings(
              ingest.batchSize(),
              Duration.ofSeconds(1),
              ingest.maxAttempts(),
              ingest.baseBackoff(),
              ingest.maxBackoff(),
              WorkerSettings.prepareThreads(ingest.prepareThreads()));
      return new IngestWorker(
          queue,
          statuses,
          objects,
          index,
          embedder,
          decoder,
          Thumbnailer.defaults(props.ingest().jpegCodec()),
          settings,
          clock);
    }

    @Bean
    WorkerPool workerPool(IngestWorker worker) {
      String host = System.getenv().getOrDefault("HOSTNAME", "worker");
      return new WorkerPool(worker, host + "-" + ProcessHandle.current().pid());
    }

    @Bean
    WorkerLifecycle workerLifecycle(WorkerPool pool, PlatformProperties props) {
      return new WorkerLifecycle(pool, props.ingest().workers());
    }
  }

  /** Searching (search API). */
  @Configuration(proxyBeanMethods = false)
  public static class Search {
    @Bean
    SearchService searchService(
        Embedder embedder, VectorIndex index, ObjectStore objects, ImageDecoder decoder) {
      return new SearchService(embedder, index, objects, decoder);
    }
  }
}
