package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import java.util.List;
import java.util.Optional;

/** An index that passes every call on, for tests that change what one call does. */
abstract class DelegatingIndex implements VectorIndex {
  private final VectorIndex delegate;

  DelegatingIndex(VectorIndex delegate) {
    this.delegate = delegate;
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public void upsert(List<IndexedImage> images) {
    delegate.upsert(images);
  }

  @Override
  public boolean delete(ImageId id) {
    return delegate.delete(id);
  }

  @Override
  public List<SearchHit> search(VectorQuery query) {
    return delegate.search(query);
  }

  @Override
  public List<SearchHit> searchWords(KeywordQuery query) {
    return delegate.searchWords(query);
  }

  @Override
  public List<float[]> sampleVectors(int n) {
    return delegate.sampleVectors(n);
  }

  @Override
  public Optional<IndexedImage> get(ImageId id) {
    return delegate.get(id);
  }

  @Override
  public long count() {
    return delegate.count();
  }

  @Override
  public long count(SearchFilter filter) {
    return delegate.count(filter);
  }

  @Override
  public List<LibraryEntry> newest(LibraryQuery query) {
    return delegate.newest(query);
  }

  /** The delegate belongs to the test, which closes it. */
  @Override
  public void close() {}
}
