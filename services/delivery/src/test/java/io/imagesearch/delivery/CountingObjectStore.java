package io.imagesearch.delivery;

import io.imagesearch.core.port.ObjectStore;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real object store that counts the reads made through it. */
final class CountingObjectStore implements ObjectStore {

  final AtomicInteger stats = new AtomicInteger();
  final AtomicInteger opens = new AtomicInteger();
  private final ObjectStore delegate;

  CountingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void put(String key, InputStream content, long size, String contentType) {
    delegate.put(key, content, size, contentType);
  }

  @Override
  public Optional<StoredObject> stat(String key) {
    stats.incrementAndGet();
    return delegate.stat(key);
  }

  @Override
  public Optional<InputStream> open(String key) {
    opens.incrementAndGet();
    return delegate.open(key);
  }

  @Override
  public boolean delete(String key) {
    return delegate.delete(key);
  }

  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    return delegate.list(prefix, startAfter, limit);
  }
}
