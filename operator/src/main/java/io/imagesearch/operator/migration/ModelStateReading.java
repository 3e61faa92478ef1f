package io.imagesearch.operator.migration;

import io.imagesearch.core.model.ModelState;
import java.util.Objects;

/** What reading a cluster's model state gave. */
public sealed interface ModelStateReading {

  /** The workers wrote a state. */
  record Found(ModelState state) implements ModelStateReading {
    public Found {
      Objects.requireNonNull(state, "state");
    }
  }

  /** No state yet: no worker has started on this library. */
  record Absent() implements ModelStateReading {}

  /**
   * The state could not be read (Redis unreachable, refused the password, or a malformed hash).
   *
   * @param reason one sentence saying why, for the condition's message
   */
  record Unreadable(String reason) implements ModelStateReading {
    public Unreadable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
