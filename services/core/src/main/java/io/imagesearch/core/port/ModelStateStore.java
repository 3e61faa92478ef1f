package io.imagesearch.core.port;

import io.imagesearch.core.model.ModelState;
import java.util.Optional;

/**
 * The library's {@link ModelState}, durable. Writes compare revisions, so two processes (or two
 * threads) that read the same state cannot both write their change over it: the second learns it
 * lost and reads again.
 */
public interface ModelStateStore {

  /** The stored state; empty for a library that never had one. */
  Optional<ModelState> read();

  /**
   * Stores {@code next} when the stored state's revision is {@code next.revision() - 1} (nothing
   * stored: {@code next.revision() == 1}); durable when it returns true. False, and nothing
   * written, when the stored revision is another.
   */
  boolean write(ModelState next);
}
