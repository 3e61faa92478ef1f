package io.imagesearch.platform;

import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.embedder.ClipModelSpecReader;
import io.imagesearch.embedder.DjlClipEmbedder;
import io.imagesearch.embedder.EmbedderOptions;
import io.imagesearch.embedder.ModelFormat;
import io.imagesearch.embedder.ModelLocation;
import io.imagesearch.embedder.ModelResolver;
import io.imagesearch.index.milvus.MilvusConfig;
import io.imagesearch.index.milvus.MilvusIndexParams;
import io.imagesearch.index.milvus.MilvusVectorIndex;
import io.imagesearch.wiring.CloseContextOnSignal;
import io.imagesearch.wiring.IngestSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.milvus.v2.common.IndexParam;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model and the Milvus collection of its vector space, for the services that embed (worker and
 * search API). The collection is named after the model id and dimension.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestSettings.class)
public class EmbeddingConfiguration {

  @Bean(destroyMethod = "close")
  Embedder embedder(PlatformProperties props, IngestSettings ingest, MeterRegistry meters) {
    PlatformProperties.Model model = props.model();
    ModelResolver resolver =
        new ModelResolver(model.cacheDir(), URI.create(model.huggingFaceEndpoint()));
    Path folder = resolver.resolve(ModelLocation.parse(model.location()));
    DjlClipEmbedder embedder =
        DjlClipEmbedder.load(
            ClipModelSpecReader.read(folder, ModelFormat.valueOf(model.format())),
            new EmbedderOptions(ingest.batchSize(), ingest.workers(), model.threads()));
    return new MeteredEmbedder(embedder, meters);
  }

  /** The model in this JVM must close before ONNX Runtime's shutdown hook frees its runtime. */
  @Bean
  CloseContextOnSignal closeContextOnSignal(ConfigurableApplicationContext context) {
    return new CloseContextOnSignal(context);
  }

  @Bean(destroyMethod = "close")
  VectorIndex vectorIndex(PlatformProperties props, Embedder embedder, MeterRegistry meters) {
    MilvusVectorIndex index =
        MilvusVectorIndex.open(
            milvusConfig(props),
            milvusIndexParams(props),
            embedder.modelId(),
            embedder.dimension());
    meters.gauge("imagesearch.index.size", index, VectorIndex::count);
    return index;
  }

  static MilvusConfig milvusConfig(PlatformProperties props) {
    PlatformProperties.Milvus milvus = props.milvus();
    return new MilvusConfig(
        milvus.uri(),
        Optional.ofNullable(milvus.token()).filter(t -> !t.isBlank()),
        Optional.ofNullable(milvus.database()).filter(d -> !d.isBlank()));
  }

  static MilvusIndexParams milvusIndexParams(PlatformProperties props) {
    PlatformProperties.MilvusIndex tuning = props.milvus().index();
    return new MilvusIndexParams(
        indexType(tuning.type()),
        tuning.m(),
        tuning.efConstruction(),
        tuning.efPerResult(),
        tuning.minEf(),
        tuning.nlist(),
        tuning.nprobe());
  }

  private static IndexParam.IndexType indexType(String name) {
    try {
      return IndexParam.IndexType.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "imagesearch.milvus.index.type: unknown index type '" + name + "'", e);
    }
  }

  @Bean
  HealthIndicator milvusHealthIndicator(VectorIndex index) {
    return () -> {
      try {
        return Health.up().withDetail("entries", index.count()).build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
      }
    };
  }
}
