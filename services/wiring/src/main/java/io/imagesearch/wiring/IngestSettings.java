package io.imagesearch.wiring;

import io.imagesearch.application.WorkerSettings;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.JpegCodec;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ingest settings of both modes, bound from {@code imagesearch.ingest.*} (environment variables
 * such as {@code IMAGESEARCH_INGEST_BATCH_SIZE} work too) and validated at start-up: a bad value
 * stops the start with a message naming the key and what to set.
 *
 * @param maxImageBytes largest accepted upload file
 * @param maxImagePixels largest accepted width x height, checked before decoding
 * @param maxAspectRatio largest accepted ratio of an image's long side to its short one, checked
 *     before decoding
 * @param maxMetadataBytes largest accepted size of an image's metadata once decompressed, checked
 *     before decoding
 * @param maxBacklog uploads are answered 429 while this many tasks wait
 * @param workers ingest worker threads
 * @param batchSize images embedded per forward pass
 * @param prepareThreads images of a batch decoded at once per worker; 0 means one per CPU core
 * @param jpegCodec JPEG decoding and thumbnail encoding: auto (libjpeg-turbo when installed),
 *     libjpeg-turbo or imageio
 * @param maxAttempts deliveries before a task is given up
 * @param visibilityTimeout a claimed task is redelivered after this long unacknowledged
 * @param baseBackoff delay before a failed task's second attempt; doubles with each further one
 * @param maxBackoff upper bound of that delay
 * @param pollWait how long an idle worker's poll waits for a task before asking again; both queues
 *     hand a waiting poll a new task at once, so this bounds only idle polling and how long
 *     stopping an idle worker takes
 * @param shutdownGracePeriod how long a stopping worker lets the batches in hand finish before it
 *     gives them back to the queue (not counted as an attempt); below Kubernetes' default
 *     termination grace period of 30 s, which also covers the preStop pause and closing the model
 */
@Validated
@ConfigurationProperties("imagesearch.ingest")
public record IngestSettings(
    @Min(value = 1, message = "set a size in bytes of at least 1") @DefaultValue("52428800")
        long maxImageBytes,
    @Min(value = 1, message = "set a pixel count of at least 1") @DefaultValue("50000000")
        long maxImagePixels,
    @Min(value = 1, message = "set a ratio of at least 1, such as 100 for 1:100")
        @DefaultValue("100")
        int maxAspectRatio,
    @Min(value = 0, message = "set a size in bytes of 0 or more") @DefaultValue("16777216")
        long maxMetadataBytes,
    @Min(value = 1, message = "set a task count of at least 1") @DefaultValue("10000")
        long maxBacklog,
    @Min(value = 1, message = "set 1 to 64 worker threads")
        @Max(value = 64, message = "set 1 to 64 worker threads")
        @DefaultValue("1")
        int workers,
    @Min(value = 1, message = "set 1 to 256 images per forward pass")
        @Max(value = 256, message = "set 1 to 256 images per forward pass")
        @DefaultValue("16")
        int batchSize,
    @Min(value = 0, message = "set 0 (one per CPU core) to 256 threads")
        @Max(value = 256, message = "set 0 (one per CPU core) to 256 threads")
        @DefaultValue("0")
        int prepareThreads,
    @NotNull(message = "set auto, libjpeg-turbo or imageio") @DefaultValue("auto")
        JpegCodec jpegCodec,
    @Min(value = 1, message = "set 1 to 100 deliveries")
        @Max(value = 100, message = "set 1 to 100 deliveries")
        @DefaultValue("5")
        int maxAttempts,
    @NotNull(message = "set a duration such as 5m")
        @DurationMin(millis = 1, message = "set a duration of at least 1ms, such as 5m")
        @DefaultValue("5m")
        Duration visibilityTimeout,
    @NotNull(message = "set a duration such as 1s")
        @DurationMin(millis = 0, message = "set a duration of 0 or more, such as 1s")
        @DefaultValue("1s")
        Duration baseBackoff,
    @NotNull(message = "set a duration such as 1m") @DefaultValue("1m") Duration maxBackoff,
    @NotNull(message = "set a duration such as 1s")
        @DurationMin(millis = 0, message = "set a duration of 0 or more, such as 1s")
        @DefaultValue("1s")
        Duration pollWait,
    @NotNull(message = "set a duration such as 20s")
        @DurationMin(millis = 0, message = "set a duration of 0 or more, such as 20s")
        @DefaultValue("20s")
        Duration shutdownGracePeriod) {

  public IngestSettings {
    // A rule over two keys, which the per-key constraints cannot state.
    if (baseBackoff != null && maxBackoff != null && maxBackoff.compareTo(baseBackoff) < 0) {
      throw new IllegalArgumentException(
          "imagesearch.ingest.max-backoff ("
              + maxBackoff.toMillis()
              + "ms) is below imagesearch.ingest.base-backoff ("
              + baseBackoff.toMillis()
              + "ms): set max-backoff to at least base-backoff");
    }
  }

  /** What an upload or a search image may be, checked before decoding. */
  public DecoderLimits decoderLimits() {
    return new DecoderLimits(
        maxImageBytes,
        maxImagePixels,
        DecoderLimits.DEFAULT.minSide(),
        maxAspectRatio,
        maxMetadataBytes);
  }

  /** How the ingest worker takes, prepares and retries work. */
  public WorkerSettings workerSettings() {
    return new WorkerSettings(
        batchSize,
        pollWait,
        maxAttempts,
        baseBackoff,
        maxBackoff,
        WorkerSettings.prepareThreads(prepareThreads));
  }
}
