package io.imagesearch.operator.scaling;

import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.OptionalLong;

/**
 * The ingest backlog of a cluster: {@code XLEN imagesearch:tasks + ZCARD imagesearch:tasks:delayed}
 * in its Redis (key prefix {@code imagesearch}, see docs/ARCHITECTURE.md, "Redis layout"). Empty
 * when it cannot be read right now; the scaler then keeps the current worker count.
 */
public interface BacklogSource {
  OptionalLong backlog(ImageSearchCluster cluster);

  /** For where Redis is unreachable from the operator (and for tests without Redis). */
  BacklogSource UNKNOWN = cluster -> OptionalLong.empty();
}
