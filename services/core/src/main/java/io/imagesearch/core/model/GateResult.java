package io.imagesearch.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the recall gate decided and why: the switch to a candidate happens only when it passed.
 *
 * @param passed whether the candidate may serve
 * @param reason one sentence for the user: what was compared and what came out
 * @param evaluatedAt when the checks ran
 * @param checks the numbers behind the decision
 */
public record GateResult(
    boolean passed, String reason, Instant evaluatedAt, List<RecallCheck> checks) {

  public GateResult {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(evaluatedAt, "evaluatedAt");
    checks = List.copyOf(checks);
  }
}
