package io.imagesearch.embedded;

import io.imagesearch.application.IngestWorker;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.application.WorkerPool;
import io.imagesearch.application.WorkerSettings;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelLocation;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import io.imagesearch.web.BackpressureGuard;
import io.imagesearch.web.WorkerLifecycle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded adapters behind the ports, and the use cases on top. */
@Configuration(proxyBeanMethods = false)
class EmbeddedWiring {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWiring.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ImageDecoder imageDecoder(EmbeddedProperties props) {
    EmbeddedProperties.Ingest ingest = props.ingest();
    ImageDecoder decoder =
        new ImageDecoder(
            new DecoderLimits(
                ingest.maxImageBytes(), ingest.maxImagePixels(), DecoderLimits.DEFAULT.minSide()),
            ingest.jpegCodec());
    LOG.info("JPEG codec: {}", ingest.jpegCodec().describe());
    return decoder;
  }

  @Bean(destroyMethod = "close")
  DjlClipEmbedder embedder(EmbeddedProperties props) {
    EmbeddedProperties.Model model = props.model();
    ModelResolver resolver =
        new ModelResolver(props.modelCacheDir(), URI.create(model.huggingFaceEndpoint()));
    Path folder = resolver.resolve(ModelLocation.parse(model.location()));
    return DjlClipEmbedder.load(
        ClipModelSpecReader.read(folder, model.format()),
        new EmbedderOptions(
            props.ingest().batchSize(), Math.max(1, props.ingest().workers()), model.threads()));
  }

  @Bean
  ObjectStore objectStore(EmbeddedProperties props) {
    return new FilesystemObjectStore(props.dataDir().resolve("objects"));
  }

  @Bean(destroyMethod = "close")
  VectorIndex vectorIndex(EmbeddedProperties props, DjlClipEmbedder embedder) {
    return LuceneVectorIndex.open(
        props.dataDir().resolve("index"), embedder.modelId(), embedder.dimension());
  }

  @Bean(destroyMethod = "close")
  LocalTaskQueue taskQueue(EmbeddedProperties props) {
    return new LocalTaskQueue(
        new LocalQueueConfig(props.dataDir().resolve("queue"), props.ingest().visibilityTimeout()));
  }

  @Bean(destroyMethod = "close")
  LocalTaskStatusStore taskStatusStore(EmbeddedProperties props) {
    return new LocalTaskStatusStore(props.dataDir().resolve("queue"));
  }

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
  SearchService searchService(
      DjlClipEmbedder embedder, VectorIndex index, ObjectStore objects, ImageDecoder decoder) {
    return new SearchService(embedder, index, objects, decoder);
  }

  @Bean
  BackpressureGuard backpressureGuard(TaskQueue queue, EmbeddedProperties props) {
    return new BackpressureGuard(queue, props.ingest().maxBacklog());
  }

  @Bean
  IngestWorker ingestWorker(
      TaskQueue queue,
      TaskStatusStore statuses,
      ObjectStore objects,
      VectorIndex index,
      DjlClipEmbedder embedder,
      ImageDecoder decoder,
      Clock clock,
      EmbeddedProperties props) {
    EmbeddedProperties.Ingest ingest = props.ingest();
    WorkerSettings settings =
        new WorkerSettings(
            ingest.batchSize(),
            Duration.ofMillis(500),
            ingest.maxAttempts(),
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
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
    return new WorkerPool(worker, "embedded");
  }

  @Bean
  WorkerLifecycle workerLifecycle(WorkerPool pool, EmbeddedProperties props) {
    return new WorkerLifecycle(pool, props.ingest().workers());
  }
}
