package io.imagesearch.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The model that served before the last switch. Its index is kept up to date until {@code
 * keepUntil}, so a rollback is one switch back, without re-embedding anything; then it is dropped.
 */
public record PreviousModel(ModelRef model, Instant switchedAt, Instant keepUntil) {

  public PreviousModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(switchedAt, "switchedAt");
    Objects.requireNonNull(keepUntil, "keepUntil");
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(keepUntil);
  }
}
