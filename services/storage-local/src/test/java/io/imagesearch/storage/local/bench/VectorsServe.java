package io.imagesearch.storage.local.bench;

import io.imagesearch.contract.bench.VectorIndexLatency;
import io.imagesearch.storage.local.LuceneIndexOptions;
import io.imagesearch.storage.local.LuceneVectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Searches an index that {@link VectorsBench} built and kept (KEEP_INDEX), in a process of its own
 * that never held the library's vectors: what a serving process needs. Prints recall@10 against the
 * kept exact answers, p50/p99, throughput at 8 clients, the peak and current RSS (anonymous and
 * file-backed apart) and, when the process runs in a memory cgroup (tools/bench/vectors.sh
 * MEMORY_CAP), that cgroup's limit and peak charge, which count the page cache it read in. Not a
 * test.
 *
 * <p>Usage: VectorsServe INDEX_DIR DIM CONFIG [EXACT_SCAN_BELOW], with BenchOptions's environment
 * for the search settings.
 */
public final class VectorsServe {
  /** The kept queries and exact answers, beside the index. */
  static final String REFERENCE = "reference.bin";

  public static void main(String[] args) throws IOException {
    Path base = Path.of(args[0]);
    int dim = Integer.parseInt(args[1]);
    String config = args[2];
    // Searches only: the idle merge follows writes, so it never rewrites the kept index.
    LuceneIndexOptions options = BenchOptions.of(config, args, 3);
    VectorIndexLatency.Reference reference =
        VectorIndexLatency.Reference.load(base.resolve(REFERENCE));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("config", config);
    out.put("min_candidates", options.minCandidates());
    out.put("oversample", options.oversample());
    out.put("rescore_per_result", options.rescorePerResult());
    out.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    try (LuceneVectorIndex index = LuceneVectorIndex.open(base, "bench-clip", dim, options)) {
      out.put("n", index.count());
      out.put("dim", dim);
      out.put("queries", reference.queries().length);
      out.putAll(reference.measure(index, "index"));
      out.put("rss_mib", VectorsBench.statusMib("VmRSS:"));
      out.put("rss_peak_mib", VectorsBench.statusMib("VmHWM:"));
      out.put("rss_anon_mib", VectorsBench.statusMib("RssAnon:"));
      out.put("rss_file_mib", VectorsBench.statusMib("RssFile:"));
      System.gc();
      out.put("heap_live_mib", VectorsBench.heapUsedMib());
    }
    out.put("index_bytes", SearchLatency.directorySize(base));
    memoryCgroup()
        .ifPresent(
            cgroup -> {
              out.put("cgroup_limit_mib", cgroupMib(cgroup, "memory.limit_in_bytes"));
              out.put("cgroup_peak_mib", cgroupMib(cgroup, "memory.max_usage_in_bytes"));
              out.put("cgroup_limit_hits", cgroupValue(cgroup, "memory.failcnt"));
            });
    System.out.println(VectorIndexLatency.json(out));
  }

  /** The cgroup-v1 memory directory tools/bench/vectors.sh started this process in, if any. */
  private static Optional<Path> memoryCgroup() {
    String dir = System.getenv().getOrDefault("BENCH_CGROUP", "");
    return dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  private static long cgroupMib(Path cgroup, String file) {
    return cgroupValue(cgroup, file) >> 20;
  }

  private static long cgroupValue(Path cgroup, String file) {
    try {
      return Long.parseLong(Files.readString(cgroup.resolve(file)).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
