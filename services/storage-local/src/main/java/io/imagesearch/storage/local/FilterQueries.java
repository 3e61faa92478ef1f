package io.imagesearch.storage.local;

import io.imagesearch.core.search.SearchFilter;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Turns a {@link SearchFilter} into the Lucene query that pre-filters the HNSW search. */
final class FilterQueries {

  private FilterQueries() {}

  /** The filter query, or empty when the filter matches everything. */
  static Optional<Query> of(SearchFilter filter) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    boolean any = false;
    if (filter.createdFrom().isPresent() || filter.createdTo().isPresent()) {
      all.add(
          InstantPoint.range(
              ImageDocuments.CREATED_AT,
              filter.createdFrom().orElse(null),
              filter.createdTo().orElse(null)),
          Occur.FILTER);
      any = true;
    }
    if (!filter.mimeTypes().isEmpty()) {
      all.add(
          new TermInSetQuery(
              ImageDocuments.MIME_TYPE, filter.mimeTypes().stream().map(BytesRef::new).toList()),
          Occur.FILTER);
      any = true;
    }
    for (String tag : filter.tags()) {
      all.add(new TermQuery(new Term(ImageDocuments.TAG, tag)), Occur.FILTER);
      any = true;
    }
    return any ? Optional.of(all.build()) : Optional.empty();
  }
}
