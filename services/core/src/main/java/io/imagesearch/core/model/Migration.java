package io.imagesearch.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of model in progress: the library is embedded into the target's index while the serving
 * model keeps answering, then the recall gate decides.
 *
 * @param target the candidate model
 * @param startedAt when the migration began
 * @param phase where it stands
 * @param cursor the last object key whose image is in the target's index: a restart resumes after
 *     it ("" before the first batch)
 * @param done images embedded into the target's index by the walk so far
 * @param total images the walk found when it started (new ones arrive by dual writes)
 * @param gate the gate's last decision, once it ran
 */
public record Migration(
    ModelRef target,
    Instant startedAt,
    Phase phase,
    String cursor,
    long done,
    long total,
    Optional<GateResult> gate) {

  /** Where a migration stands. */
  public enum Phase {
    /** Embedding the stored images into the target's index. */
    REINDEXING,
    /** Every image is in the target's index; the recall gate runs. */
    EVALUATING,
    /** The gate refused the target; the serving model stays. */
    REFUSED
  }

  public Migration {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(gate, "gate");
    if (done < 0 || total < 0) {
      throw new IllegalArgumentException("progress counts are never negative");
    }
  }

  public static Migration start(ModelRef target, Instant now) {
    return new Migration(target, now, Phase.REINDEXING, "", 0, 0, Optional.empty());
  }

  public Migration counted(long total) {
    return new Migration(target, startedAt, phase, cursor, done, total, gate);
  }

  /** One more batch is in the target's index, up to and including {@code cursor}. */
  public Migration advanced(String cursor, long batch) {
    return new Migration(
        target, startedAt, phase, cursor, done + batch, Math.max(total, done + batch), gate);
  }

  public Migration inPhase(Phase next) {
    return new Migration(target, startedAt, next, cursor, done, total, gate);
  }

  public Migration gated(GateResult result) {
    return new Migration(
        target,
        startedAt,
        result.passed() ? phase : Phase.REFUSED,
        cursor,
        done,
        total,
        Optional.of(result));
  }
}
