package io.imagesearch.storage.local.bench;

import io.imagesearch.contract.bench.ClipLikeVectors;
import io.imagesearch.contract.bench.VectorIndexLatency;
import io.imagesearch.contract.bench.VectorSource;
import io.imagesearch.storage.local.LuceneIndexOptions;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;

/**
 * One configuration of the Lucene adapter on CLIP-like vectors ({@link ClipLikeVectors}): build
 * time, segments before and after the idle merge, single-client p50/p99, recall@10 against an exact
 * SIMD scan of the same vectors, throughput at 1, 8 and 32 clients, and the process's RSS. Not a
 * test: a benchmark main, one configuration a JVM so the RSS is its own.
 *
 * <p>Usage: VectorsBench N DIM QUERIES CONFIG [EXACT_SCAN_BELOW]. CONFIG is {@code previous} (the
 * adapter before this benchmark: full-precision graph, no exact path, no merge) or an encoding
 * ({@code float32}, {@code int7}, {@code int4}, {@code binary}) with the other defaults. Prints
 * JSON.
 */
public final class VectorsBench {

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int queries = Integer.parseInt(args[2]);
    String config = args[3];
    LuceneIndexOptions options = BenchOptions.of(config, args, 4);
    VectorSource vectors = ClipLikeVectors.forLibrary(n, dim, 20261206L + n + dim);
    // KEEP_INDEX=dir: built there and left with the run's queries and exact answers, for
    // VectorsServe to search in a process of its own.
    String keep = System.getenv().getOrDefault("KEEP_INDEX", "");
    Path base =
        keep.isBlank()
            ? Files.createTempDirectory("vectors-bench")
            : Files.createDirectories(Path.of(keep));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config);
    out.put("exact_scan_below", options.exactScanBelow());
    out.put("min_candidates", options.minCandidates());
    out.put("oversample", options.oversample());
    out.put("rescore_per_result", options.rescorePerResult());
    out.put("max_conn", options.maxConnections());
    out.put("beam_width", options.beamWidth());
    List<VectorIndexLatency.Reference> reference = new ArrayList<>(1);
    try (LuceneVectorIndex index = LuceneVectorIndex.open(base, "bench-clip", dim, options)) {
      Map<String, Object> measured =
          VectorIndexLatency.measureWith(
              index,
              vectors,
              n,
              queries,
              "index",
              VectorUtil::dotProduct,
              () -> {
                out.put("segments_after_ingest", index.segmentCount());
                if (!"previous".equals(config)) {
                  long start = System.nanoTime();
                  index.mergeSegments();
                  out.put("merge_seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
                }
                out.put("segments", index.segmentCount());
              },
              reference::add);
      out.putAll(measured);
      // While the index is open and has served every query: the live heap after a full collection
      // (the harness's own vectors are garbage by now) and the process's anonymous and file-backed
      // resident pages (the latter the index files' pages the searches touched).
      System.gc();
      out.put("open_heap_live_mib", heapUsedMib());
      out.put("open_rss_anon_mib", statusMib("RssAnon:"));
      out.put("open_rss_file_mib", statusMib("RssFile:"));
    }
    // SWEEP_CANDIDATES="400 800": the same built index reopened with each graph search beam.
    for (String value : System.getenv().getOrDefault("SWEEP_CANDIDATES", "").split("[ ,]+")) {
      if (value.isBlank()) {
        continue;
      }
      int candidates = Integer.parseInt(value);
      LuceneIndexOptions swept = BenchOptions.withMinCandidates(options, candidates);
      try (LuceneVectorIndex index = LuceneVectorIndex.open(base, "bench-clip", dim, swept)) {
        reference
            .getFirst()
            .measure(index, "index")
            .forEach((key, v) -> out.put("sweep_c" + candidates + "_" + key, v));
      }
    }
    out.put("index_bytes", SearchLatency.directorySize(base));
    // The harness holds every vector on its heap for the exact baseline; a serving process does
    // not. After a full collection, RSS less those arrays bounds what the index itself keeps.
    System.gc();
    long rss = rssMib();
    // Anonymous memory (heaps, native allocations) apart from the index files' mapped pages, which
    // the kernel may drop under pressure and reread.
    out.put("rss_anon_mib", statusMib("RssAnon:"));
    out.put("rss_file_mib", statusMib("RssFile:"));
    long harness = (long) n * (dim * Float.BYTES + 16) >> 20;
    out.put("rss_mib", rss);
    out.put("harness_vectors_mib", harness);
    out.put("rss_without_harness_mib", rss - harness);
    if (keep.isBlank()) {
      SearchLatency.deleteTree(base);
    } else {
      reference.getFirst().save(base.resolve(VectorsServe.REFERENCE));
    }
    System.out.println(VectorIndexLatency.json(out));
  }

  private static long rssMib() throws IOException {
    return statusMib("VmRSS:");
  }

  static long heapUsedMib() {
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
        >> 20;
  }

  /** A kB line of /proc/self/status in MiB, or -1. */
  static long statusMib(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
