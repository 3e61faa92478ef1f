package io.imagesearch.wiring;

import io.imagesearch.application.RankingSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How text searches rank, bound from {@code imagesearch.search.*} in both modes and validated at
 * start-up.
 *
 * @param candidates hits taken from the vector and the keyword ranking before fusion, cutoff and
 *     date order: the relevant set of a query is found among these
 * @param rrfK the k of reciprocal rank fusion in hybrid mode
 * @param autoCutoff how {@code min_score=auto} finds its threshold
 */
@Validated
@ConfigurationProperties("imagesearch.search")
public record SearchSettings(
    @Min(value = 1, message = "set 1 to 10000 candidates")
        @Max(value = 10_000, message = "set 1 to 10000 candidates")
        @DefaultValue("1000")
        int candidates,
    @Min(value = 0, message = "set a k of 0 or more, such as 60")
        @Max(value = 100_000, message = "set a k of at most 100000, such as 60")
        @DefaultValue("60")
        int rrfK,
    @Valid @NotNull @DefaultValue AutoCutoff autoCutoff) {

  /**
   * @param deviations how many standard deviations above the mean of the query's scores over a
   *     sample of the library a relevant image scores
   * @param sampleSize stored images in that sample
   * @param sampleRefresh how long one sample serves before it is drawn again
   */
  public record AutoCutoff(
      @DecimalMin(value = "0", message = "set 0 to 10 standard deviations, such as 1.75")
          @DecimalMax(value = "10", message = "set 0 to 10 standard deviations, such as 1.75")
          @DefaultValue("1.75")
          double deviations,
      @Min(value = 20, message = "set a sample of 20 to 100000 images")
          @Max(value = 100_000, message = "set a sample of 20 to 100000 images")
          @DefaultValue("512")
          int sampleSize,
      @NotNull(message = "set a duration such as 1m")
          @DurationMin(millis = 0, message = "set a duration of 0 or more, such as 1m")
          @DefaultValue("1m")
          Duration sampleRefresh) {}

  RankingSettings rankingSettings() {
    return new RankingSettings(
        candidates,
        rrfK,
        autoCutoff.deviations(),
        autoCutoff.sampleSize(),
        autoCutoff.sampleRefresh());
  }
}
