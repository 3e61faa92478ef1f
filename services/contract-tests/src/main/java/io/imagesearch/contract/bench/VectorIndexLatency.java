package io.imagesearch.contract.bench;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search latency and recall@10 of any {@link VectorIndex} against exact (brute-force) search over
 * the same vectors, in one run: the core of the adapters' benchmark mains. Not a test.
 *
 * <p>Upserts {@code n} unit vectors from a {@link VectorSource} ({@link #randomVectors} by default:
 * Gaussian components, normalised, the seed depending on {@code n} and {@code dim} only, so every
 * adapter gets the same data) with metadata in batches of 1000, runs 200 warm-up queries on both
 * paths, then {@code queries} timed top-10 queries through the index; the same queries answered
 * exactly by a scan are the recall reference and the latency baseline. Last, the same queries at 1,
 * 8 and 32 concurrent clients give the throughput.
 */
public final class VectorIndexLatency {
  private VectorIndexLatency() {}

  private static final int K = 10;
  private static final int BATCH = 1000;
  private static final int WARMUP = 200;

  /** The exact scan's dot product (an adapter may pass its library's SIMD one). */
  @FunctionalInterface
  public interface DotProduct {
    float of(float[] a, float[] b);
  }

  /** The plain loop. */
  public static float scalarDot(float[] a, float[] b) {
    float s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /**
   * Runs the benchmark on an empty index; the results are named {@code <label>_p50_ms} etc. for the
   * index and {@code exact_p50_ms} etc. for the scan.
   */
  public static Map<String, Object> measure(
      VectorIndex index, int n, int queries, String label, DotProduct dot) {
    return measure(index, randomVectors(index.dimension(), n), n, queries, label, dot);
  }

  /** Random Gaussian unit vectors, the same for the same {@code n} and {@code dim}. */
  public static VectorSource randomVectors(int dim, int n) {
    SplittableRandom random = new SplittableRandom(20261124L + n + dim);
    return new VectorSource() {
      @Override
      public int dimension() {
        return dim;
      }

      @Override
      public float[] image() {
        return unitVector(random, dim);
      }

      @Override
      public float[] query() {
        return unitVector(random, dim);
      }
    };
  }

  /** Same, with library vectors and queries from {@code source}. */
  public static Map<String, Object> measure(
      VectorIndex index, VectorSource source, int n, int queries, String label, DotProduct dot) {
    return measureWith(index, source, n, queries, label, dot, () -> {});
  }

  /** Same, running {@code afterIngest} (timed as part of nothing) between ingest and searches. */
  public static Map<String, Object> measureWith(
      VectorIndex index,
      VectorSource source,
      int n,
      int queries,
      String label,
      DotProduct dot,
      Runnable afterIngest) {
    return measureWith(index, source, n, queries, label, dot, afterIngest, reference -> {});
  }

  /**
   * The queries of a run and their exact answers, to measure other search settings on the same
   * built index (a sweep of candidates needs one build, not one per value).
   */
  public record Reference(float[][] warmUp, float[][] queries, List<Set<String>> exactIds) {

    /** Recall@10 and single-client latency of {@code index} on these queries. */
    public Map<String, Object> measure(VectorIndex index, String label) {
      for (float[] q : warmUp) {
        index.search(VectorQuery.topK(q, K));
      }
      Timed timed = timedSearches(index, queries);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("recall_at_10", recallAt10(timed.ids(), exactIds));
      putLatency(out, label, timed.nanos());
      out.put("qps_8_clients", round(throughput(index, queries, 8), 1));
      return out;
    }

    /** Written beside a kept index, so another process can search it without the vectors. */
    public void save(Path file) throws IOException {
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
        writeVectors(out, warmUp);
        writeVectors(out, queries);
        for (Set<String> ids : exactIds) {
          out.writeInt(ids.size());
          for (String id : ids) {
            out.writeUTF(id);
          }
        }
      }
    }

    /** What {@link #save} wrote. */
    public static Reference load(Path file) throws IOException {
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        float[][] warmUp = readVectors(in);
        float[][] queries = readVectors(in);
        List<Set<String>> exactIds = new ArrayList<>(queries.length);
        for (int i = 0; i < queries.length; i++) {
          Set<String> ids = new HashSet<>();
          for (int j = in.readInt(); j > 0; j--) {
            ids.add(in.readUTF());
          }
          exactIds.add(ids);
        }
        return new Reference(warmUp, queries, exactIds);
      }
    }

    private static void writeVectors(DataOutputStream out, float[][] vectors) throws IOException {
      out.writeInt(vectors.length);
      out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
      for (float[] v : vectors) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }

    private static float[][] readVectors(DataInputStream in) throws IOException {
      float[][] vectors = new float[in.readInt()][in.readInt()];
      for (float[] v : vectors) {
        for (int j = 0; j < v.length; j++) {
          v[j] = in.readFloat();
        }
      }
      return vectors;
    }
  }

  /** Each query's time and the ids it found. */
  private record Timed(long[] nanos, List<Set<String>> ids) {}

  private static Timed timedSearches(VectorIndex index, float[][] qs) {
    long[] nanos = new long[qs.length];
    List<Set<String>> ids = new ArrayList<>(qs.length);
    for (int i = 0; i < qs.length; i++) {
      long a = System.nanoTime();
      List<SearchHit> hits = index.search(VectorQuery.topK(qs[i], K));
      nanos[i] = System.nanoTime() - a;
      Set<String> set = new HashSet<>();
      hits.forEach(h -> set.add(h.id().hex()));
      ids.add(set);
    }
    return new Timed(nanos, ids);
  }

  /** The mean share of each query's exact top 10 that was found, to four places. */
  private static double recallAt10(List<Set<String>> found, List<Set<String>> exact) {
    double sum = 0;
    for (int i = 0; i < exact.size(); i++) {
      Set<String> hits = found.get(i);
      sum += (double) exact.get(i).stream().filter(hits::contains).count() / K;
    }
    return Math.round(sum / exact.size() * 10000) / 10000.0;
  }

  /** Same, handing the run's {@link Reference} to {@code afterMeasure} at the end. */
  public static Map<String, Object> measureWith(
      VectorIndex index,
      VectorSource source,
      int n,
      int queries,
      String label,
      DotProduct dot,
      Runnable afterIngest,
      java.util.function.Consumer<Reference> afterMeasure) {
    int dim = index.dimension();
    SplittableRandom random = new SplittableRandom(20261124L + n + dim);
    float[][] vectors = new float[n][];
    ImageId[] ids = new ImageId[n];
    for (int i = 0; i < n; i++) {
      vectors[i] = source.image();
      ids[i] = ImageId.of(("bench-" + i).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    out.put("dim", dim);
    out.put("queries", queries);
    out.put("k", K);

    long start = System.nanoTime();
    for (int from = 0; from < n; from += BATCH) {
      List<IndexedImage> batch = new ArrayList<>(BATCH);
      for (int i = from; i < Math.min(n, from + BATCH); i++) {
        batch.add(new IndexedImage(ids[i], vectors[i], metadata(i, random)));
      }
      index.upsert(batch);
    }
    double upsertSeconds = (System.nanoTime() - start) / 1e9;
    out.put("upsert_seconds", round(upsertSeconds, 2));
    out.put("upserts_per_second", round(n / upsertSeconds, 2));
    out.put("count", index.count());
    afterIngest.run();

    float[][] warm = new float[WARMUP][];
    for (int i = 0; i < WARMUP; i++) {
      warm[i] = source.query();
    }
    float[][] qs = new float[queries][];
    for (int i = 0; i < queries; i++) {
      qs[i] = source.query();
    }
    // Warm-up of both paths (JIT, caches), not timed.
    for (float[] q : warm) {
      index.search(VectorQuery.topK(q, K));
      exactTopK(vectors, q, dot);
    }

    Timed timed = timedSearches(index, qs);
    long[] indexNanos = timed.nanos();
    long[] exactNanos = new long[queries];
    List<Set<String>> exactIds = new ArrayList<>(queries);
    for (int i = 0; i < queries; i++) {
      long a = System.nanoTime();
      int[] top = exactTopK(vectors, qs[i], dot);
      exactNanos[i] = System.nanoTime() - a;
      Set<String> exact = new HashSet<>();
      for (int doc : top) {
        exact.add(ids[doc].hex());
      }
      exactIds.add(exact);
    }
    out.put("recall_at_10", recallAt10(timed.ids(), exactIds));
    putLatency(out, label, indexNanos);
    putLatency(out, "exact", exactNanos);
    out.put(
        "p50_ratio_" + label + "_over_exact",
        round(percentile(indexNanos, 50) / percentile(exactNanos, 50), 2));
    out.put(
        "p99_ratio_" + label + "_over_exact",
        round(percentile(indexNanos, 99) / percentile(exactNanos, 99), 2));
    for (int clients : CLIENTS) {
      out.put("qps_" + clients + "_clients", round(throughput(index, qs, clients), 1));
    }
    afterMeasure.accept(new Reference(warm, qs, exactIds));
    return out;
  }

  /** Concurrent clients of the throughput runs. */
  private static final int[] CLIENTS = {1, 8, 32};

  /** Searches a second with {@code clients} threads, each running the queries in turn. */
  private static double throughput(VectorIndex index, float[][] qs, int clients) {
    int perClient = Math.max(200, qs.length / clients);
    AtomicLong done = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int first = c;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < perClient; i++) {
                      index.search(VectorQuery.topK(qs[(first * 31 + i) % qs.length], K));
                      done.incrementAndGet();
                    }
                  }));
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** The results as a JSON object, one key per line, with the JVM that produced them. */
  public static String json(Map<String, Object> values) {
    Map<String, Object> all = new LinkedHashMap<>(values);
    all.put("java", Runtime.version().toString());
    all.put("available_processors", Runtime.getRuntime().availableProcessors());
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : all.entrySet()) {
      Object v = e.getValue();
      String value = v instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : v.toString();
      sb.append("  \"").append(e.getKey()).append("\": ").append(value);
      sb.append(++i < all.size() ? ",\n" : "\n");
    }
    return sb.append("}").toString();
  }

  private static float[] unitVector(SplittableRandom random, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int j = 0; j < dim; j++) {
      double g = gaussian(random);
      v[j] = (float) g;
      norm += g * g;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int j = 0; j < dim; j++) {
      v[j] *= inv;
    }
    return v;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian on every JDK this runs on.
    double u = 1 - random.nextDouble();
    double w = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }

  private static ImageMetadata metadata(int i, SplittableRandom random) {
    return new ImageMetadata(
        String.format("bench-%06d.jpg", i),
        "image/jpeg",
        640,
        480,
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
        Set.of(i % 2 == 0 ? "even" : "odd"),
        random.nextLong(),
        Optional.empty());
  }

  /** Exact top-k by dot product (the vectors are unit length, so this is cosine). */
  private static int[] exactTopK(float[][] vectors, float[] q, DotProduct dot) {
    int[] best = new int[K];
    float[] scores = new float[K];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < vectors.length; i++) {
      float s = dot.of(vectors[i], q);
      if (s > scores[K - 1]) {
        int j = K - 1;
        while (j > 0 && scores[j - 1] < s) {
          scores[j] = scores[j - 1];
          best[j] = best[j - 1];
          j--;
        }
        scores[j] = s;
        best[j] = i;
      }
    }
    return best;
  }

  private static void putLatency(Map<String, Object> out, String name, long[] nanos) {
    out.put(name + "_p50_ms", round(percentile(nanos, 50) / 1e6, 4));
    out.put(name + "_p99_ms", round(percentile(nanos, 99) / 1e6, 4));
    out.put(name + "_mean_ms", round(Arrays.stream(nanos).average().orElse(0) / 1e6, 4));
    out.put(name + "_max_ms", round(Arrays.stream(nanos).max().orElse(0) / 1e6, 4));
  }

  /** Nearest-rank percentile. */
  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
