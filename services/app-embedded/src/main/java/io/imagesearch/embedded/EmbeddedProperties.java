package io.imagesearch.embedded;

import io.imagesearch.embedder.ModelFormat;
import io.imagesearch.imaging.JpegCodec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Embedded mode's configuration, bound from {@code imagesearch.*} (environment variables such as
 * {@code IMAGESEARCH_DATA_DIR} work too) and validated at start-up.
 */
@Validated
@ConfigurationProperties("imagesearch")
public record EmbeddedProperties(
    @NotNull Path dataDir, @Valid @NotNull Model model, @Valid @NotNull Ingest ingest) {

  /**
   * @param location a folder, an https archive URL with #sha256=, or hf:owner/name@revision
   * @param format which export of the model to run
   * @param cacheDir where downloaded models are kept
   * @param huggingFaceEndpoint base URL for hf: locations (a mirror may be given)
   * @param threads intra-op threads of one forward pass
   */
  public record Model(
      @NotBlank String location,
      @NotNull @DefaultValue("ONNX") ModelFormat format,
      Path cacheDir,
      @NotBlank @DefaultValue("https://huggingface.co") String huggingFaceEndpoint,
      @Min(1) @Max(256) @DefaultValue("2") int threads) {}

  /**
   * @param maxImageBytes largest accepted upload file
   * @param maxImagePixels largest accepted width x height, checked before decoding
   * @param maxBacklog uploads are answered 429 while this many tasks wait
   * @param workers ingest worker threads
   * @param batchSize images embedded per forward pass
   * @param maxAttempts deliveries before a task is given up
   * @param visibilityTimeout a claimed task is redelivered after this long unacknowledged
   * @param prepareThreads images of a batch decoded at once per worker; 0 means one per CPU core
   * @param jpegCodec JPEG decoding and thumbnail encoding: auto (libjpeg-turbo when installed),
   *     libjpeg-turbo or imageio
   */
  public record Ingest(
      @Min(1) @DefaultValue("52428800") long maxImageBytes,
      @Min(1) @DefaultValue("50000000") long maxImagePixels,
      @Min(1) @DefaultValue("10000") long maxBacklog,
      @Min(1) @Max(64) @DefaultValue("1") int workers,
      @Min(1) @Max(256) @DefaultValue("16") int batchSize,
      @Min(1) @Max(100) @DefaultValue("5") int maxAttempts,
      @NotNull @DefaultValue("5m") Duration visibilityTimeout,
      @Min(0) @Max(256) @DefaultValue("0") int prepareThreads,
      @NotNull @DefaultValue("auto") JpegCodec jpegCodec) {}

  public Path modelCacheDir() {
    return model.cacheDir() != null ? model.cacheDir() : dataDir.resolve("models");
  }
}
