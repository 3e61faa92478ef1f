package io.imagesearch.application;

import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One search from the rankings to the page: the vector hits above the threshold and the keyword
 * matches, each among the best {@link RankingSettings#candidates}, fused when both are asked for,
 * then ordered (by relevance or date) and paged. The relevant set is the same for every page and
 * every order, so paging through a date-ordered result never repeats or skips a hit.
 */
final class RankedSearch {

  private final RankingSettings settings;
  private final AutoCutoff cutoff;

  RankedSearch(RankingSettings settings) {
    this.settings = settings;
    this.cutoff = new AutoCutoff(settings);
  }

  /**
   * @param vector the query embedding; null in keyword mode
   * @param terms the query's words; empty in semantic mode
   */
  SearchResult run(
      VectorIndex index,
      float[] vector,
      List<String> terms,
      SearchMode mode,
      SearchRequest request) {
    if (mode == SearchMode.SEMANTIC && request.pagedByIndex()) {
      // Today's search: the index pages by itself, nothing more is fetched.
      List<SearchHit> hits =
          index.search(
              new VectorQuery(
                  vector,
                  request.limit(),
                  request.offset(),
                  request.filter(),
                  request.fixedMinScore()));
      return new SearchResult(
          hits, OptionalInt.empty(), threshold(index, vector, request.minScore()));
    }
    int candidates = Math.max(settings.candidates(), request.offset() + request.limit());
    List<List<SearchHit>> rankings = new ArrayList<>(2);
    OptionalDouble threshold = OptionalDouble.empty();
    if (mode != SearchMode.KEYWORD) {
      threshold = threshold(index, vector, request.minScore());
      float min = (float) threshold.orElse(-1);
      rankings.add(index.search(new VectorQuery(vector, candidates, 0, request.filter(), min)));
    }
    if (mode != SearchMode.SEMANTIC) {
      rankings.add(
          terms.isEmpty()
              ? List.of()
              : index.searchWords(new KeywordQuery(terms, candidates, request.filter())));
    }
    List<SearchHit> relevant =
        rankings.size() == 1 ? rankings.getFirst() : RankFusion.fuse(rankings, settings.rrfK());
    List<SearchHit> ordered = ordered(relevant, request.order());
    int from = Math.min(request.offset(), ordered.size());
    int to = Math.min(request.offset() + request.limit(), ordered.size());
    return new SearchResult(ordered.subList(from, to), OptionalInt.of(relevant.size()), threshold);
  }

  private OptionalDouble threshold(VectorIndex index, float[] vector, MinScore minScore) {
    return switch (minScore) {
      case MinScore.Auto auto -> cutoff.threshold(index, vector);
      case MinScore.AtLeast(float cosine) ->
          cosine > -1 ? OptionalDouble.of(cosine) : OptionalDouble.empty();
    };
  }

  private static List<SearchHit> ordered(List<SearchHit> relevant, ResultOrder order) {
    Comparator<SearchHit> byDate = Comparator.comparing(hit -> hit.metadata().createdAt());
    return switch (order) {
      case RELEVANCE -> relevant;
      // List.sort is stable: hits of the same instant stay best first.
      case NEWEST_FIRST -> relevant.stream().sorted(byDate.reversed()).toList();
      case OLDEST_FIRST -> relevant.stream().sorted(byDate).toList();
    };
  }
}
