package io.imagesearch.core.port;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.IdSample;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.KeywordTerms;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.util.List;
import java.util.Optional;

/**
 * Embeddings of one model with their metadata. One index holds one vector space: its name carries
 * the model id and dimension, so a model change never mixes spaces.
 */
public interface VectorIndex extends AutoCloseable {

  /** Vector length every entry and query must have. */
  int dimension();

  /** Inserts or replaces entries by id; durable when it returns. */
  void upsert(List<IndexedImage> images);

  /** Removes the entry; true when it existed. */
  boolean delete(ImageId id);

  /** Best hits first, cosine similarity, filtered and paged as the query says. */
  List<SearchHit> search(VectorQuery query);

  /**
   * Best keyword matches first: BM25 of the query's terms over each entry's words ({@link
   * KeywordTerms#ofImage}), filtered as the query says; the hits' scores are BM25 scores. Entries
   * that match none of the terms are not hits.
   */
  List<SearchHit> searchWords(KeywordQuery query);

  /**
   * The vectors of about {@code n} entries drawn by {@link IdSample}'s rule (every entry when there
   * are at most n): what a query scores against the library at large.
   */
  List<float[]> sampleVectors(int n);

  /** The entry with its vector, for "more like this". */
  Optional<IndexedImage> get(ImageId id);

  /** Number of entries. */
  long count();

  /** Number of entries that meet {@code filter}. */
  long count(SearchFilter filter);

  /**
   * One page of the entries that meet the query's filter, newest first ({@link
   * io.imagesearch.core.search.LibraryPosition#NEWEST_FIRST}), starting after the query's place.
   */
  List<LibraryEntry> newest(LibraryQuery query);

  @Override
  void close();
}
