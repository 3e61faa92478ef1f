package io.imagesearch.web;

import io.imagesearch.core.port.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Objects in a map; can be told to fail, as a store whose server is down does. */
final class InMemoryObjectStore implements ObjectStore {

  private record Entry(byte[] bytes, String contentType) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger opens = new AtomicInteger();
  private volatile boolean down;

  void putBytes(String key, byte[] bytes, String contentType) {
    entries.put(key, new Entry(bytes.clone(), contentType));
  }

  boolean contains(String key) {
    return entries.containsKey(key);
  }

  /** How often a stream was opened: a 304 must not read the bytes. */
  int opens() {
    return opens.get();
  }

  void goDown() {
    down = true;
  }

  void clear() {
    entries.clear();
    opens.set(0);
    down = false;
  }

  @Override
  public void put(String key, InputStream content, long size, String contentType) {
    failIfDown();
    try {
      putBytes(key, content.readNBytes((int) size), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<StoredObject> stat(String key) {
    failIfDown();
    return Optional.ofNullable(entries.get(key))
        .map(e -> new StoredObject(key, e.contentType(), e.bytes().length));
  }

  @Override
  public Optional<InputStream> open(String key) {
    failIfDown();
    opens.incrementAndGet();
    return Optional.ofNullable(entries.get(key)).map(e -> new ByteArrayInputStream(e.bytes()));
  }

  @Override
  public boolean delete(String key) {
    failIfDown();
    return entries.remove(key) != null;
  }

  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    failIfDown();
    return ObjectStore.page(entries.keySet().stream(), prefix, startAfter, limit);
  }

  private void failIfDown() {
    if (down) {
      throw new IllegalStateException("object store connection refused");
    }
  }
}
