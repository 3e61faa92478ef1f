package io.imagesearch.operator.migration;

import io.imagesearch.operator.api.ImageSearchCluster;

/**
 * A cluster's model state: which model serves, which one a migration builds and how far it got, as
 * the workers keep it (the Redis hash {@code imagesearch:model-state}, see docs/ARCHITECTURE.md,
 * "Model change (distributed mode)").
 */
public interface ModelStateSource {
  ModelStateReading read(ImageSearchCluster cluster);

  /** For tests without Redis: every cluster is as if its workers had not started yet. */
  ModelStateSource NONE = cluster -> new ModelStateReading.Absent();
}
