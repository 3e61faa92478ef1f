package io.imagesearch.operator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The models as the workers' state reports them: which serves, which is being built, how far. */
public class ModelStatus {
  /** The model search-api serves, e.g. "tiny-clip-v1 (64-d)". */
  public String active;

  /** The model a migration builds the index of, while one is in the state. */
  public String target;

  /** The model a rollback returns to without re-embedding, while it is kept. */
  public String previous;

  /**
   * Serving, Starting, Reindexing, Evaluating, GateRefused, Cancelling, RollingBack, NoState or
   * Unknown (the state could not be read).
   */
  public String phase;

  /** Images embedded into the target's index so far, and how many the migration walks. */
  public Long done;

  public Long total;

  /** What kubectl's Migration column shows, e.g. "1200/5000 (24%)"; absent when none runs. */
  public String progress;

  /** The location search-api is configured with. */
  public String searchApiModel;

  /** The recall gate's last measurements for the target, once it ran. */
  public List<RecallCheckStatus> gate = new ArrayList<>();

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelStatus s
        && Objects.equals(active, s.active)
        && Objects.equals(target, s.target)
        && Objects.equals(previous, s.previous)
        && Objects.equals(phase, s.phase)
        && Objects.equals(done, s.done)
        && Objects.equals(total, s.total)
        && Objects.equals(progress, s.progress)
        && Objects.equals(searchApiModel, s.searchApiModel)
        && Objects.equals(gate, s.gate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        active, target, previous, phase, done, total, progress, searchApiModel, gate);
  }

  /** One check of the recall gate: the same queries on the serving model and on the target. */
  public static class RecallCheckStatus {
    /** golden or self-consistency. */
    public String name;

    public Integer k;
    public Integer queries;

    /** recall@k of the serving model and of the target, between 0 and 1. */
    public Double current;

    public Double candidate;

    public RecallCheckStatus() {}

    public RecallCheckStatus(
        String name, Integer k, Integer queries, Double current, Double candidate) {
      this.name = name;
      this.k = k;
      this.queries = queries;
      this.current = current;
      this.candidate = candidate;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RecallCheckStatus s
          && Objects.equals(name, s.name)
          && Objects.equals(k, s.k)
          && Objects.equals(queries, s.queries)
          && Objects.equals(current, s.current)
          && Objects.equals(candidate, s.candidate);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, k, queries, current, candidate);
    }
  }
}
