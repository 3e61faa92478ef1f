package io.imagesearch.platform;

import io.imagesearch.wiring.IngestSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the distributed services, bound from {@code imagesearch.*} (and environment variables
 * by relaxed binding, e.g. {@code IMAGESEARCH_MINIO_ENDPOINT}), validated at start-up. Redis
 * connection settings are Spring Boot's own {@code spring.data.redis.*}; the ingest settings, which
 * embedded mode shares, are {@link IngestSettings}.
 */
@Validated
@ConfigurationProperties("imagesearch")
public record PlatformProperties(
    @Valid @NotNull @DefaultValue Queue queue,
    @Valid @NotNull @DefaultValue Minio minio,
    @Valid @NotNull @DefaultValue Milvus milvus,
    @Valid @NotNull @DefaultValue Model model,
    @Valid @NotNull @DefaultValue Cdn cdn) {

  /**
   * The Redis Streams task queue and status hashes.
   *
   * @param visibilityTimeout the services' earlier key for {@code
   *     imagesearch.ingest.visibility-timeout}, which both modes read; when set it wins, so
   *     configurations written for it keep working
   */
  public record Queue(
      @NotBlank @DefaultValue("imagesearch") String keyPrefix,
      @NotBlank @DefaultValue("workers") String group,
      Duration visibilityTimeout,
      @NotNull @DefaultValue("7d") Duration statusTtl) {

    /** The visibility timeout in force: this record's when set, else the shared setting's. */
    public Duration visibilityTimeout(IngestSettings ingest) {
      return visibilityTimeout != null ? visibilityTimeout : ingest.visibilityTimeout();
    }
  }

  /** The object store. */
  public record Minio(
      @NotBlank @DefaultValue("http://localhost:9000") String endpoint,
      @NotBlank @DefaultValue("imagesearch") String accessKey,
      @NotBlank @DefaultValue("imagesearch-secret") String secretKey,
      @NotBlank @DefaultValue("images") String bucket) {}

  /** The vector index. */
  public record Milvus(
      @NotBlank @DefaultValue("http://localhost:19530") String uri,
      String token,
      String database,
      @Valid @DefaultValue MilvusIndex index) {}

  /**
   * The vector index built for a new collection and the search tuning (the index adapter's {@code
   * MilvusIndexParams} documents each value and checks them at start-up). The type is a name, not
   * the SDK's enum: services without the Milvus client bind this record too.
   */
  public record MilvusIndex(
      @NotBlank @DefaultValue("HNSW") String type,
      @DefaultValue("16") int m,
      @DefaultValue("200") int efConstruction,
      @DefaultValue("2") int efPerResult,
      @DefaultValue("128") int minEf,
      @DefaultValue("1024") int nlist,
      @DefaultValue("32") int nprobe) {}

  /** The CLIP model, for the services that embed (worker, search API). */
  public record Model(
      @NotBlank @DefaultValue("models/tiny-clip") String location,
      // A name, not the embedder's enum: services without the embedder bind this record too.
      @NotNull
          @Pattern(regexp = "ONNX|TORCHSCRIPT", message = "must be ONNX or TORCHSCRIPT")
          @DefaultValue("ONNX")
          String format,
      @NotNull @DefaultValue("/tmp/imagesearch-models") Path cacheDir,
      @NotBlank @DefaultValue("https://huggingface.co") String huggingFaceEndpoint,
      @Min(1) @Max(256) @DefaultValue("2") int threads) {}

  /** The CDN's in-memory cache in front of the object store. */
  public record Cdn(
      @Min(0) @DefaultValue("268435456") long cacheBytes,
      @Min(1) @DefaultValue("8388608") long maxCachedObjectBytes) {}
}
