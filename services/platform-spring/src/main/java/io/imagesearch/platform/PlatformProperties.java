package io.imagesearch.platform;

import io.imagesearch.imaging.JpegCodec;
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
 * connection settings are Spring Boot's own {@code spring.data.redis.*}.
 */
@Validated
@ConfigurationProperties("imagesearch")
public record PlatformProperties(
    @Valid @NotNull @DefaultValue Queue queue,
    @Valid @NotNull @DefaultValue Minio minio,
    @Valid @NotNull @DefaultValue Milvus milvus,
    @Valid @NotNull @DefaultValue Model model,
    @Valid @NotNull @DefaultValue Ingest ingest,
    @Valid @NotNull @DefaultValue Cdn cdn) {

  /** The Redis Streams task queue and status hashes. */
  public record Queue(
      @NotBlank @DefaultValue("imagesearch") String keyPrefix,
      @NotBlank @DefaultValue("workers") String group,
      @NotNull @DefaultValue("5m") Duration visibilityTimeout,
      @NotNull @DefaultValue("7d") Duration statusTtl) {}

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
      String database) {}

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

  /** Upload limits and the worker's batching and retries. */
  public record Ingest(
      @Min(1) @DefaultValue("52428800") long maxImageBytes,
      @Min(1) @DefaultValue("50000000") long maxImagePixels,
      @Min(1) @DefaultValue("10000") long maxBacklog,
      @Min(1) @Max(64) @DefaultValue("1") int workers,
      @Min(1) @Max(256) @DefaultValue("16") int batchSize,
      @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
      @NotNull @DefaultValue("1s") Duration baseBackoff,
      @NotNull @DefaultValue("1m") Duration maxBackoff,
      @Min(0) @Max(256) @DefaultValue("0") int prepareThreads,
      @NotNull @DefaultValue("auto") JpegCodec jpegCodec) {}

  /** The CDN's in-memory cache in front of the object store. */
  public record Cdn(
      @Min(0) @DefaultValue("268435456") long cacheBytes,
      @Min(1) @DefaultValue("8388608") long maxCachedObjectBytes) {}
}
