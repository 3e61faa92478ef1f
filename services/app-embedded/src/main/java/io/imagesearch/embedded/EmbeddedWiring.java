package io.imagesearch.embedded;

import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelLocation;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneVectorIndex;
import io.imagesearch.wiring.CloseContextOnSignal;
import io.imagesearch.wiring.ConsumerPrefix;
import io.imagesearch.wiring.IngestSettings;
import io.imagesearch.wiring.UseCaseConfiguration;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The embedded adapters behind the ports: files, Lucene, SQLite and the model in this JVM. */
@Configuration(proxyBeanMethods = false)
@Import({
  UseCaseConfiguration.Common.class,
  UseCaseConfiguration.Uploads.class,
  UseCaseConfiguration.Worker.class,
  UseCaseConfiguration.Search.class
})
class EmbeddedWiring {

  @Bean(destroyMethod = "close")
  DjlClipEmbedder embedder(EmbeddedProperties props, IngestSettings ingest) {
    EmbeddedProperties.Model model = props.model();
    ModelResolver resolver =
        new ModelResolver(props.modelCacheDir(), URI.create(model.huggingFaceEndpoint()));
    Path folder = resolver.resolve(ModelLocation.parse(model.location()));
    return DjlClipEmbedder.load(
        ClipModelSpecReader.read(folder, model.format()),
        new EmbedderOptions(ingest.batchSize(), ingest.workers(), model.threads()));
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
  LocalTaskQueue taskQueue(EmbeddedProperties props, IngestSettings ingest) {
    return new LocalTaskQueue(
        new LocalQueueConfig(props.dataDir().resolve("queue"), ingest.visibilityTimeout()));
  }

  @Bean(destroyMethod = "close")
  LocalTaskStatusStore taskStatusStore(EmbeddedProperties props) {
    return new LocalTaskStatusStore(props.dataDir().resolve("queue"));
  }

  /** The model in this JVM must close before ONNX Runtime's shutdown hook frees its runtime. */
  @Bean
  CloseContextOnSignal closeContextOnSignal(ConfigurableApplicationContext context) {
    return new CloseContextOnSignal(context);
  }

  /** One process per data folder, so one fixed name serves. */
  @Bean
  ConsumerPrefix consumerPrefix() {
    return new ConsumerPrefix("embedded");
  }
}
