package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a hit at rank r (from 1) of a
 * ranking scores 1 / (k + r), summed over the rankings it is in. It needs no calibration between
 * cosine and BM25 scores, which live on unrelated scales, and a hit near the top of either ranking
 * stays near the top of the fused one.
 */
final class RankFusion {
  private RankFusion() {}

  /**
   * The hits of every ranking, best fused score first, each with that score; ties go to the hit
   * ranked better in its best ranking, then to the earlier ranking.
   */
  static List<SearchHit> fuse(List<List<SearchHit>> rankings, int k) {
    Map<ImageId, Fused> byId = new LinkedHashMap<>();
    for (List<SearchHit> ranking : rankings) {
      for (int i = 0; i < ranking.size(); i++) {
        SearchHit hit = ranking.get(i);
        int rank = i + 1;
        byId.computeIfAbsent(hit.id(), id -> new Fused(hit, rank)).add(1.0 / (k + rank), rank);
      }
    }
    List<Fused> fused = new ArrayList<>(byId.values());
    // Stable: equal keys keep first-seen order, which is the earlier ranking's.
    fused.sort(Comparator.comparingDouble((Fused f) -> -f.score).thenComparingInt(f -> f.bestRank));
    return fused.stream()
        .map(f -> new SearchHit(f.hit.id(), (float) f.score, f.hit.metadata()))
        .toList();
  }

  private static final class Fused {
    final SearchHit hit;
    double score;
    int bestRank;

    Fused(SearchHit hit, int rank) {
      this.hit = hit;
      this.bestRank = rank;
    }

    void add(double contribution, int rank) {
      score += contribution;
      bestRank = Math.min(bestRank, rank);
    }
  }
}
