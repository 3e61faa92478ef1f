package io.imagesearch.application;

/**
 * Which vector hits count as relevant: those at or above a fixed cosine similarity, or above a
 * threshold each query derives from its own scores ({@link AutoCutoff}).
 */
public sealed interface MinScore {

  /** No threshold: every hit counts. */
  MinScore NONE = new AtLeast(-1f);

  /** The query's own threshold. */
  MinScore AUTO = new Auto();

  /** A fixed lowest cosine similarity, -1..1. */
  static MinScore atLeast(float cosine) {
    return new AtLeast(cosine);
  }

  /** Hits at or above {@code cosine}. */
  record AtLeast(float cosine) implements MinScore {
    public AtLeast {
      if (Float.isNaN(cosine) || cosine < -1 || cosine > 1) {
        throw new InvalidRequestException("min_score must be between -1 and 1, got " + cosine);
      }
    }
  }

  /** Hits that stand out from what the query scores against the library at large. */
  record Auto() implements MinScore {}
}
