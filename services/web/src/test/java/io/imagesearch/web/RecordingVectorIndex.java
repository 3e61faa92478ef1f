package io.imagesearch.web;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.KeywordTerms;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryPosition;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entries in a map, ranked by dot product with paging and the score threshold applied, or by how
 * many of a keyword query's terms their words hold. Filters are recorded, not applied: the web
 * tests check that parameters reach the query, and the index adapters' own tests check that filters
 * and BM25 work.
 */
final class RecordingVectorIndex implements VectorIndex {

  private final Map<ImageId, IndexedImage> entries = new LinkedHashMap<>();
  private final List<VectorQuery> queries = new ArrayList<>();
  private final List<LibraryQuery> libraryQueries = new ArrayList<>();

  LibraryQuery lastLibraryQuery() {
    return libraryQueries.getLast();
  }

  private final List<KeywordQuery> keywordQueries = new ArrayList<>();

  VectorQuery lastQuery() {
    return queries.getLast();
  }

  List<KeywordQuery> keywordQueries() {
    return keywordQueries;
  }

  void clear() {
    entries.clear();
    queries.clear();
    libraryQueries.clear();
    keywordQueries.clear();
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public synchronized void upsert(List<IndexedImage> images) {
    images.forEach(image -> entries.put(image.id(), image));
  }

  @Override
  public synchronized boolean delete(ImageId id) {
    return entries.remove(id) != null;
  }

  @Override
  public synchronized List<SearchHit> search(VectorQuery query) {
    queries.add(query);
    return entries.values().stream()
        .map(e -> new SearchHit(e.id(), dot(query.vector(), e.vector()), e.metadata()))
        .filter(hit -> hit.score() >= query.minScore())
        .sorted(Comparator.comparingDouble(SearchHit::score).reversed())
        .skip(query.offset())
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized List<SearchHit> searchWords(KeywordQuery query) {
    keywordQueries.add(query);
    return entries.values().stream()
        .map(
            e ->
                new SearchHit(
                    e.id(),
                    KeywordTerms.ofImage(e.metadata()).stream()
                        .filter(query.terms()::contains)
                        .count(),
                    e.metadata()))
        .filter(hit -> hit.score() > 0)
        .sorted(Comparator.comparingDouble(SearchHit::score).reversed())
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized List<float[]> sampleVectors(int n) {
    return entries.values().stream().limit(n).map(IndexedImage::vector).toList();
  }

  @Override
  public synchronized Optional<IndexedImage> get(ImageId id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public synchronized long count() {
    return entries.size();
  }

  /** Filters are recorded, not applied, as for {@link #search}. */
  @Override
  public synchronized long count(SearchFilter filter) {
    return entries.size();
  }

  @Override
  public synchronized List<LibraryEntry> newest(LibraryQuery query) {
    libraryQueries.add(query);
    return entries.values().stream()
        .map(e -> new LibraryEntry(e.id(), e.metadata()))
        .filter(e -> query.after().map(after -> after.isBefore(e.position())).orElse(true))
        .sorted(Comparator.comparing(LibraryEntry::position, LibraryPosition.NEWEST_FIRST))
        .limit(query.limit())
        .toList();
  }

  @Override
  public void close() {}

  private static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
