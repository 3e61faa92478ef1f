package io.imagesearch.index.milvus;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.milvus.v2.service.vector.response.SearchResp;
import java.util.ArrayList;
import java.util.List;

/** Turns Milvus's best-first top-k into the requested page of hits. */
final class SearchHits {

  private SearchHits() {}

  /**
   * Skips {@code offset} hits, keeps at most {@code limit}, and stops at the first hit under {@code
   * minScore}: results are best first, so every later hit scores lower still and nothing needs to
   * be fetched beyond offset + limit.
   */
  static List<SearchHit> page(List<SearchResp.SearchResult> results, VectorQuery query) {
    List<SearchHit> hits = new ArrayList<>();
    for (int i = query.offset(); i < results.size() && hits.size() < query.limit(); i++) {
      SearchResp.SearchResult result = results.get(i);
      // Milvus's COSINE score is the cosine itself; float rounding can overshoot by an ulp.
      float cosine = Math.clamp(result.getScore(), -1f, 1f);
      if (cosine < query.minScore()) {
        break;
      }
      hits.add(
          new SearchHit(
              new ImageId(String.valueOf(result.getId())),
              cosine,
              ImageRows.metadataOf(result.getEntity())));
    }
    return hits;
  }

  /**
   * Keyword hits as Milvus ranked them, with their BM25 scores. Milvus reports the score, Milvus
   * Lite (milvus-lite 3.2) its negation, as the smaller-is-better distance it ranks by; a BM25
   * score is never negative, so its magnitude is the score from both.
   */
  static List<SearchHit> words(List<SearchResp.SearchResult> results) {
    List<SearchHit> hits = new ArrayList<>(results.size());
    for (SearchResp.SearchResult result : results) {
      hits.add(
          new SearchHit(
              new ImageId(String.valueOf(result.getId())),
              Math.abs(result.getScore()),
              ImageRows.metadataOf(result.getEntity())));
    }
    return hits;
  }
}
