package io.imagesearch.wiring;

import io.imagesearch.application.IngestWorker;
import io.imagesearch.application.LibraryReindex;
import io.imagesearch.application.ModelMigration;
import io.imagesearch.application.ModelSlot;
import io.imagesearch.application.ModelStartup;
import io.imagesearch.application.ModelStateConflictException;
import io.imagesearch.application.RecallGate;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.application.WorkerPool;
import io.imagesearch.application.WorkerSettings;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.core.port.ModelStateStore;
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
import org.springframework.beans.factory.ObjectProvider;
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
        ModelSlot models,
        ImageDecoder decoder,
        Clock clock,
        IngestSettings ingest) {
      return new IngestWorker(
          queue,
          statuses,
          objects,
          models,
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
  @EnableConfigurationProperties(SearchSettings.class)
  public static class Search {
    @Bean
    SearchService searchService(
        ModelSlot models, ObjectStore objects, ImageDecoder decoder, SearchSettings search) {
      return new SearchService(models, objects, decoder, search.rankingSettings());
    }
  }

  /**
   * One model for the process's lifetime, from the mode's {@link Embedder} and {@link VectorIndex}
   * beans (which the mode closes): the distributed services today.
   */
  @Configuration(proxyBeanMethods = false)
  public static class OneModel {
    @Bean(destroyMethod = "")
    ModelSlot modelSlot(Embedder embedder, VectorIndex index) {
      return ModelSlot.of(embedder, index);
    }
  }

  /**
   * Models that change without downtime: the library's state and the {@link ConfiguredModel} decide
   * at start-up which models are held ({@link ModelStartup}); a migration runs in the background,
   * gated on recall, with rollback. The mode adds a {@link ModelStateStore}, a {@link ModelLoader},
   * the configured model and where the golden queries are.
   */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ModelChangeSettings.class)
  public static class ModelChange {
    @Bean(destroyMethod = "close")
    ModelSlot modelSlot(
        ModelStateStore states,
        ModelLoader loader,
        ConfiguredModel configured,
        ModelChangeSettings settings,
        ObjectProvider<ModelMigration.Sharing> shared,
        Clock clock) {
      ModelStartup startup = new ModelStartup(states, loader, clock, settings.previousRetention());
      // Processes sharing the library may start together; the one that lost the write decides
      // again.
      int attempts = shared.getIfAvailable() == null ? 1 : 5;
      for (int attempt = 1; ; attempt++) {
        try {
          return startup.open(configured.location(), configured.format());
        } catch (ModelStateConflictException e) {
          if (attempt >= attempts) {
            throw e;
          }
          LOG.info("The model state changed while this process started; deciding again");
        }
      }
    }

    @Bean(destroyMethod = "close")
    LibraryReindex libraryReindex(
        ObjectStore objects,
        TaskQueue queue,
        ImageDecoder decoder,
        IngestSettings ingest,
        ModelChangeSettings settings,
        Clock clock) {
      return new LibraryReindex(
          objects,
          queue,
          decoder,
          Thumbnailer.defaults(ingest.jpegCodec()),
          settings.reindexSettings(WorkerSettings.prepareThreads(ingest.prepareThreads())),
          clock);
    }

    @Bean
    ModelMetrics modelMetrics(LibraryReindex reindex) {
      return new ModelMetrics(reindex);
    }

    @Bean(destroyMethod = "")
    ModelMigration modelMigration(
        ModelSlot models,
        ModelStateStore states,
        ModelLoader loader,
        LibraryReindex reindex,
        ObjectStore objects,
        ImageDecoder decoder,
        GoldenQueriesFile golden,
        ModelChangeSettings settings,
        ModelMetrics metrics,
        ObjectProvider<ModelMigration.Sharing> shared,
        Clock clock) {
      ModelMigration migration =
          new ModelMigration(
              models,
              states,
              loader,
              reindex,
              new RecallGate(objects, decoder, settings.gateSettings(), clock),
              golden,
              settings.migrationSettings(),
              clock,
              metrics,
              shared.getIfAvailable(ModelMigration.Sharing::alone));
      metrics.observe(migration);
      LOG.info(
          "Golden queries for the recall gate: {} ({} now)", golden.file(), golden.get().size());
      return migration;
    }

    /** Stopped before the workers and the models it uses: it starts last, so it stops first. */
    @Bean
    MigrationLifecycle migrationLifecycle(ModelMigration migration) {
      return new MigrationLifecycle(migration);
    }
  }
}
