package io.imagesearch.application;

import java.util.OptionalDouble;

/**
 * When the recall gate lets a candidate model serve.
 *
 * @param k how many results count as found
 * @param selfCheckSample stored images searched by their own thumbnail
 * @param minRecall when set, each check passes when the candidate reaches this recall, whatever the
 *     current model scores; when empty, the candidate must score at least the current model's
 *     recall less {@code tolerance}
 * @param tolerance how much lower than the current model's recall a candidate may score
 */
public record GateSettings(int k, int selfCheckSample, OptionalDouble minRecall, double tolerance) {

  public GateSettings {
    if (k < 1 || selfCheckSample < 0) {
      throw new IllegalArgumentException("k must be at least 1 and the sample not negative");
    }
    if (minRecall.isPresent() && !(minRecall.getAsDouble() >= 0 && minRecall.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("minRecall must lie between 0 and 1");
    }
    if (!(tolerance >= 0 && tolerance <= 1)) {
      throw new IllegalArgumentException("tolerance must lie between 0 and 1");
    }
  }
}
