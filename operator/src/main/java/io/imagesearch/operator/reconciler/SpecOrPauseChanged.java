package io.imagesearch.operator.reconciler;

import io.imagesearch.operator.api.ImageSearchCluster;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * Which updates of a cluster are reconciled: a new generation (the spec changed) or the pause
 * annotation set or removed. The operator's own status writes change neither.
 */
public final class SpecOrPauseChanged implements OnUpdateFilter<ImageSearchCluster> {
  @Override
  public boolean accept(ImageSearchCluster updated, ImageSearchCluster previous) {
    Long before = previous.getMetadata().getGeneration();
    Long after = updated.getMetadata().getGeneration();
    return before == null
        || (after != null && after > before)
        || updated.isPaused() != previous.isPaused();
  }
}
