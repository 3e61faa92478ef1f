package io.imagesearch.application;

import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.ModelRef;

/** What a migration tells the outside (metrics) as it goes. */
public interface MigrationEvents {

  MigrationEvents NONE = (current, candidate, result) -> {};

  /** The recall gate measured {@code candidate} against {@code current}. */
  void gateEvaluated(ModelRef current, ModelRef candidate, GateResult result);
}
