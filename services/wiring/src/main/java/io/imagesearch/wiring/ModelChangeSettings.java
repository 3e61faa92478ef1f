package io.imagesearch.wiring;

import io.imagesearch.application.GateSettings;
import io.imagesearch.application.MigrationSettings;
import io.imagesearch.application.ReindexSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a change of model proceeds, bound from {@code imagesearch.model.*} beside the model's own
 * keys and validated at start-up.
 *
 * @param previousRetention how long the previous model and its index are kept after a switch, for a
 *     rollback
 * @param migration how the library is walked into the new model's index
 * @param gate when the new model may serve
 */
@Validated
@ConfigurationProperties("imagesearch.model")
public record ModelChangeSettings(
    @NotNull(message = "set a duration such as 7d")
        @DurationMin(millis = 0, message = "set a duration of 0 or more, such as 7d")
        @DefaultValue("7d")
        Duration previousRetention,
    @Valid @NotNull @DefaultValue Migration migration,
    @Valid @NotNull @DefaultValue Gate gate) {

  /**
   * @param batchSize images embedded per forward pass and saved as one step of progress
   * @param yieldToIngest pause while uploads wait in the queue, so they keep priority
   * @param maxImagesPerSecond an upper bound on the walk's pace; 0 for none
   * @param retryDelay wait after a failure (a store that is down) before trying again
   */
  public record Migration(
      @Min(value = 1, message = "set 1 to 1024 images per batch")
          @Max(value = 1024, message = "set 1 to 1024 images per batch")
          @DefaultValue("32")
          int batchSize,
      @DefaultValue("true") boolean yieldToIngest,
      @DecimalMin(value = "0", message = "set 0 (no limit) or more images per second")
          @DefaultValue("0")
          double maxImagesPerSecond,
      @NotNull(message = "set a duration such as 30s")
          @DurationMin(millis = 1, message = "set a duration of at least 1ms, such as 30s")
          @DefaultValue("30s")
          Duration retryDelay) {}

  /**
   * @param k how many results count as found
   * @param selfCheckSample stored images searched by their own thumbnail
   * @param minRecall when set, the recall each check of the new model must reach instead of the
   *     current model's
   * @param tolerance how much below the current model's recall the new model may score
   * @param goldenQueries a JSON file of query texts and the image ids each should find; default
   *     {@code golden-queries.json} in the data folder
   */
  public record Gate(
      @Min(value = 1, message = "set 1 to 1000 results")
          @Max(value = 1000, message = "set 1 to 1000 results")
          @DefaultValue("10")
          int k,
      @Min(value = 0, message = "set 0 or more images") @DefaultValue("200") int selfCheckSample,
      @DecimalMin(value = "0", message = "set a recall between 0 and 1")
          @DecimalMax(value = "1", message = "set a recall between 0 and 1")
          Double minRecall,
      @DecimalMin(value = "0", message = "set a recall difference between 0 and 1")
          @DecimalMax(value = "1", message = "set a recall difference between 0 and 1")
          @DefaultValue("0")
          double tolerance,
      Path goldenQueries) {}

  MigrationSettings migrationSettings() {
    return new MigrationSettings(previousRetention, migration.retryDelay(), Duration.ofMinutes(1));
  }

  ReindexSettings reindexSettings(int prepareThreads) {
    return new ReindexSettings(
        migration.batchSize(),
        prepareThreads,
        migration.yieldToIngest(),
        migration.maxImagesPerSecond());
  }

  GateSettings gateSettings() {
    return new GateSettings(
        gate.k(),
        gate.selfCheckSample(),
        gate.minRecall() == null ? OptionalDouble.empty() : OptionalDouble.of(gate.minRecall()),
        gate.tolerance());
  }
}
