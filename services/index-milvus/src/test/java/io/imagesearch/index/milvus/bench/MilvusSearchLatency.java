package io.imagesearch.index.milvus.bench;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.index.milvus.MilvusConfig;
import io.imagesearch.index.milvus.MilvusVectorIndex;
import java.nio.charset.StandardCharsets;
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

/**
 * Search latency and recall@10 of {@link MilvusVectorIndex} (against a running Milvus / Milvus
 * Lite) versus exact brute-force search over the same vectors. Not a test: a benchmark main.
 *
 * <p>Generates exactly the same vectors, metadata and queries as the storage-local {@code
 * SearchLatency} main (same seed {@code 20261124 + N + DIM}, same order of draws), so its numbers
 * for the Lucene HNSW index are on identical data and the two can be compared run-for-run.
 *
 * <p>Usage: MilvusSearchLatency URI N DIM QUERIES [MODEL_ID]. Prints JSON.
 */
public final class MilvusSearchLatency {

  private static final int K = 10;
  private static final int BATCH = 1000;
  private static final int WARMUP = 200;

  public static void main(String[] args) {
    String uri = args[0];
    int n = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    int queries = Integer.parseInt(args[3]);
    String modelId = args.length > 4 ? args[4] : "bench-random";

    SplittableRandom random = new SplittableRandom(20261124L + n + dim);
    float[][] vectors = new float[n][];
    ImageId[] ids = new ImageId[n];
    for (int i = 0; i < n; i++) {
      vectors[i] = unitVector(random, dim);
      ids[i] = ImageId.of(("bench-" + i).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uri", uri);
    out.put("n", n);
    out.put("dim", dim);
    out.put("queries", queries);
    out.put("k", K);

    try (MilvusVectorIndex index = MilvusVectorIndex.open(MilvusConfig.of(uri), modelId, dim)) {
      long start = System.nanoTime();
      for (int from = 0; from < n; from += BATCH) {
        List<IndexedImage> batch = new ArrayList<>(BATCH);
        for (int i = from; i < Math.min(n, from + BATCH); i++) {
          batch.add(new IndexedImage(ids[i], vectors[i], metadata(i, random)));
        }
        index.upsert(batch);
      }
      double upsertSeconds = (System.nanoTime() - start) / 1e9;
      out.put("upsert_seconds", round(upsertSeconds));
      out.put("upserts_per_second", round(n / upsertSeconds));
      out.put("count", index.count());

      float[][] warm = new float[WARMUP][];
      for (int i = 0; i < WARMUP; i++) {
        warm[i] = unitVector(random, dim);
      }
      float[][] qs = new float[queries][];
      for (int i = 0; i < queries; i++) {
        qs[i] = unitVector(random, dim);
      }
      for (float[] q : warm) {
        index.search(VectorQuery.topK(q, K));
        exactTopK(vectors, q);
      }

      long[] annNanos = new long[queries];
      List<Set<String>> annIds = new ArrayList<>(queries);
      for (int i = 0; i < queries; i++) {
        long a = System.nanoTime();
        List<SearchHit> hits = index.search(VectorQuery.topK(qs[i], K));
        annNanos[i] = System.nanoTime() - a;
        Set<String> set = new HashSet<>();
        hits.forEach(h -> set.add(h.id().hex()));
        annIds.add(set);
      }
      long[] exactNanos = new long[queries];
      double recallSum = 0;
      for (int i = 0; i < queries; i++) {
        long a = System.nanoTime();
        int[] top = exactTopK(vectors, qs[i]);
        exactNanos[i] = System.nanoTime() - a;
        int found = 0;
        for (int doc : top) {
          if (annIds.get(i).contains(ids[doc].hex())) {
            found++;
          }
        }
        recallSum += (double) found / K;
      }
      out.put("recall_at_10", Math.round(recallSum / queries * 10000) / 10000.0);
      putLatency(out, "milvus", annNanos);
      putLatency(out, "exact", exactNanos);
      out.put("collection", index.collectionName());
    }
    out.put("java", Runtime.version().toString());
    out.put("available_processors", Runtime.getRuntime().availableProcessors());
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : out.entrySet()) {
      Object v = e.getValue();
      String value = v instanceof String s ? "\"" + s.replace("\"", "\\\"") + "\"" : v.toString();
      sb.append("  \"").append(e.getKey()).append("\": ").append(value);
      sb.append(++i < out.size() ? ",\n" : "\n");
    }
    System.out.println(sb.append("}"));
  }

  // The generators below must stay identical to storage-local's SearchLatency.
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

  /** Exact top-k by dot product (scalar loop; the vectors are unit length, so this is cosine). */
  private static int[] exactTopK(float[][] vectors, float[] q) {
    int[] best = new int[K];
    float[] scores = new float[K];
    Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      float s = 0;
      for (int j = 0; j < v.length; j++) {
        s += v[j] * q[j];
      }
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

  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double round(double v) {
    return round(v, 2);
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
