package io.imagesearch.storage.local;

import io.imagesearch.core.search.KeywordQuery;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * The BM25 query of a {@link KeywordQuery}. Entries' words and the query's terms were split by
 * {@link io.imagesearch.core.search.KeywordTerms} already; the one analyzer that indexes the words
 * field also reads the query, so both sides always agree on what a term is.
 */
final class WordQueries {

  /** The analyzer of the index writer: only the words field is analyzed. */
  static final Analyzer ANALYZER = new StandardAnalyzer();

  private WordQueries() {}

  /** Any of the terms, scored by BM25, within the filter; empty when no term is left. */
  static Optional<Query> of(KeywordQuery query) {
    Query words =
        new QueryBuilder(ANALYZER)
            .createBooleanQuery(
                ImageDocuments.WORDS, String.join(" ", query.terms()), Occur.SHOULD);
    if (words == null) {
      return Optional.empty();
    }
    Optional<Query> filter = FilterQueries.of(query.filter());
    if (filter.isEmpty()) {
      return Optional.of(words);
    }
    return Optional.of(
        new BooleanQuery.Builder().add(words, Occur.MUST).add(filter.get(), Occur.FILTER).build());
  }
}
