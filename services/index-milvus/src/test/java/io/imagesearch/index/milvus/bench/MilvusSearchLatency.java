package io.imagesearch.index.milvus.bench;

import io.imagesearch.contract.bench.VectorIndexLatency;
import io.imagesearch.index.milvus.MilvusConfig;
import io.imagesearch.index.milvus.MilvusVectorIndex;
import java.util.Map;

/**
 * Search latency and recall@10 of {@link MilvusVectorIndex} (against a running Milvus / Milvus
 * Lite) versus exact brute-force search over the same vectors ({@link VectorIndexLatency}, which
 * gives the storage-local {@code SearchLatency} main the same vectors for the same N and DIM). Not
 * a test: a benchmark main.
 *
 * <p>Usage: MilvusSearchLatency URI N DIM QUERIES [MODEL_ID]. Prints JSON.
 */
public final class MilvusSearchLatency {

  public static void main(String[] args) {
    String uri = args[0];
    int n = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    int queries = Integer.parseInt(args[3]);
    String modelId = args.length > 4 ? args[4] : "bench-random";
    try (MilvusVectorIndex index = MilvusVectorIndex.open(MilvusConfig.of(uri), modelId, dim)) {
      Map<String, Object> out =
          VectorIndexLatency.measure(index, n, queries, "milvus", VectorIndexLatency::scalarDot);
      out.put("uri", uri);
      out.put("collection", index.collectionName());
      System.out.println(VectorIndexLatency.json(out));
    }
  }
}
