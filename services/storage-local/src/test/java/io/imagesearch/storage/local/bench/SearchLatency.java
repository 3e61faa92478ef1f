package io.imagesearch.storage.local.bench;

import io.imagesearch.contract.bench.VectorIndexLatency;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * Search latency and recall of {@link LuceneVectorIndex} against exact (brute-force) search over
 * the same vectors, in one run ({@link VectorIndexLatency}, with Lucene's SIMD dot product for the
 * exact scan), plus the index's segments and size on disk. Not a test: a benchmark main.
 *
 * <p>Upserts {@code N} random unit vectors (Gaussian components, normalised) with metadata in
 * batches of 1000, runs warm-up queries, then {@code QUERIES} timed top-10 queries through {@link
 * LuceneVectorIndex#search}; the same queries are answered exactly by a scan with Lucene's SIMD
 * {@link VectorUtil#dotProduct}, which is both the recall reference and the latency baseline.
 *
 * <p>Usage: SearchLatency N DIM QUERIES [BASE_DIR [MODEL_ID]]. With BASE_DIR the index is written
 * to {@code BASE_DIR/<model id>-d<DIM>} (the embedded app's {@code DATA_DIR/index} layout) and
 * kept; without it a temp dir is used and deleted. Prints JSON.
 */
public final class SearchLatency {

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int queries = Integer.parseInt(args[2]);
    boolean keep = args.length > 3;
    Path base = keep ? Path.of(args[3]) : Files.createTempDirectory("search-bench");
    String modelId = args.length > 4 ? args[4] : "bench-random";

    Map<String, Object> out;
    try (LuceneVectorIndex index = LuceneVectorIndex.open(base, modelId, dim)) {
      out = VectorIndexLatency.measure(index, n, queries, "hnsw", VectorUtil::dotProduct);
    }
    Path indexDir;
    try (Stream<Path> children = Files.list(base)) {
      indexDir =
          children
              .filter(p -> Files.isDirectory(p) && p.getFileName().toString().endsWith("-d" + dim))
              .findFirst()
              .orElseThrow();
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
      out.put("segments", reader.leaves().size());
    }
    out.put("index_bytes", directorySize(indexDir));
    out.put("index_dir", keep ? indexDir.toString() : "(temp, deleted)");
    if (!keep) {
      deleteTree(base);
    }
    System.out.println(VectorIndexLatency.json(out));
  }

  static long directorySize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
