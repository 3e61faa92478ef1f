package io.imagesearch.embedded;

import io.imagesearch.core.port.ModelLoader;
import io.imagesearch.core.port.ModelStateStore;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FileModelStateStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.storage.local.LuceneIndexes;
import io.imagesearch.web.FreeDiskSpaceGuard;
import io.imagesearch.wiring.CloseContextOnSignal;
import io.imagesearch.wiring.ConfiguredModel;
import io.imagesearch.wiring.ConsumerPrefix;
import io.imagesearch.wiring.GoldenQueriesFile;
import io.imagesearch.wiring.IngestSettings;
import io.imagesearch.wiring.ModelChangeSettings;
import io.imagesearch.wiring.UseCaseConfiguration;
import java.net.URI;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The embedded adapters behind the ports: files, Lucene, SQLite and the models in this JVM. The
 * models change without downtime: the library's state (a file in the data folder) and the
 * configured model decide which ones are loaded.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  UseCaseConfiguration.Common.class,
  UseCaseConfiguration.Uploads.class,
  UseCaseConfiguration.Worker.class,
  UseCaseConfiguration.Search.class,
  UseCaseConfiguration.ModelChange.class
})
class EmbeddedWiring {

  @Bean
  ConfiguredModel configuredModel(EmbeddedProperties props) {
    return new ConfiguredModel(
        EmbeddedModelLoader.absolute(props.model().location()), props.model().format().name());
  }

  @Bean
  ModelLoader modelLoader(EmbeddedProperties props, IngestSettings ingest) {
    EmbeddedProperties.Model model = props.model();
    return new EmbeddedModelLoader(
        new ModelResolver(props.modelCacheDir(), URI.create(model.huggingFaceEndpoint())),
        new EmbedderOptions(ingest.batchSize(), ingest.workers(), model.threads()),
        new LuceneIndexes(props.dataDir().resolve("index")));
  }

  @Bean
  ModelStateStore modelStateStore(EmbeddedProperties props) {
    return new FileModelStateStore(props.dataDir().resolve("model-state.properties"));
  }

  /** {@code golden-queries.json} in the data folder unless another file is configured. */
  @Bean
  GoldenQueriesFile goldenQueries(EmbeddedProperties props, ModelChangeSettings settings) {
    return new GoldenQueriesFile(
        settings.gate().goldenQueries() != null
            ? settings.gate().goldenQueries()
            : props.dataDir().resolve("golden-queries.json"));
  }

  /**
   * Uploads refused (507) while storing them would leave less than {@code
   * imagesearch.storage.min-free-disk} free on the data folder's disk; first of the upload checks,
   * so a refused upload counts against no rate.
   */
  @Bean
  WebMvcConfigurer freeDiskSpaceGuard(EmbeddedProperties props) {
    FreeDiskSpaceGuard guard =
        new FreeDiskSpaceGuard(
            props.dataDir(),
            props.storage().minFreeDisk().toBytes(),
            EmbeddedProperties.MIN_FREE_DISK);
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry
            .addInterceptor(guard)
            .addPathPatterns("/api/v1/ingest", "/api/v1/images", "/api/v1/demo")
            .order(Ordered.HIGHEST_PRECEDENCE);
      }
    };
  }

  @Bean
  ObjectStore objectStore(EmbeddedProperties props) {
    return new FilesystemObjectStore(props.dataDir().resolve("objects"));
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
