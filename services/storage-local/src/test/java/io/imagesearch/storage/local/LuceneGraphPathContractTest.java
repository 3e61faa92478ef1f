package io.imagesearch.storage.local;

import io.imagesearch.contract.VectorIndexContract;
import io.imagesearch.core.port.VectorIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index contract with every search through the quantized HNSW graph and its full-precision
 * rescoring: the contract's small indexes would otherwise all fall below the exact-scan crossover.
 */
class LuceneGraphPathContractTest extends VectorIndexContract {

  static final LuceneIndexOptions GRAPH_ONLY = LuceneIndexOptions.DEFAULTS.withExactScanBelow(0);

  @TempDir Path baseDir;

  @Override
  protected VectorIndex newIndex(int dimension) {
    return LuceneVectorIndex.open(baseDir, "graph-path", dimension, GRAPH_ONLY);
  }

  @Override
  protected VectorIndex reopen(VectorIndex current) {
    int dimension = current.dimension();
    current.close();
    return LuceneVectorIndex.open(baseDir, "graph-path", dimension, GRAPH_ONLY);
  }
}
