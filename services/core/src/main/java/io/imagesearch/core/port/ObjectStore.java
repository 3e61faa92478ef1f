package io.imagesearch.core.port;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Durable bytes by key, with their content type and size. A successful {@link #put} means the bytes
 * survive a crash of this process.
 */
public interface ObjectStore {

  /** Stores {@code size} bytes from {@code content} under {@code key}, replacing what was there. */
  void put(String key, InputStream content, long size, String contentType);

  /**
   * Stores several objects, each as {@link #put} would: all are durable when this returns. An
   * adapter may write them together, since with one durable write per object a request of many
   * small files spends its time waiting for the disk. On failure some of them may be stored.
   */
  default void putAll(List<NewObject> objects) {
    for (NewObject object : objects) {
      put(
          object.key(),
          new ByteArrayInputStream(object.content()),
          object.content().length,
          object.contentType());
    }
  }

  /** Content type and size of the object, or empty when there is none. */
  Optional<StoredObject> stat(String key);

  /** Opens the object for streaming; the caller closes the stream. Empty when there is none. */
  Optional<InputStream> open(String key);

  /** Removes the object; true when it existed. */
  boolean delete(String key);

  /**
   * Up to {@code limit} keys that start with {@code prefix} and sort after {@code startAfter} (""
   * for the first page), in ascending order: passing a page's last key as the next page's {@code
   * startAfter} visits every object once, so a walk over a whole library can stop and resume
   * anywhere. An object stored or deleted during the walk may or may not appear, and a listed key
   * may be gone by the time it is opened.
   */
  List<String> list(String prefix, String startAfter, int limit);

  /**
   * One page of {@link #list} taken from all the keys an adapter holds (one that cannot ask its
   * storage for a page), with the arguments checked.
   */
  static List<String> page(Stream<String> keys, String prefix, String startAfter, int limit) {
    checkListArguments(prefix, startAfter, limit);
    return keys.filter(key -> key.startsWith(prefix) && key.compareTo(startAfter) > 0)
        .sorted()
        .limit(limit)
        .toList();
  }

  /** The argument checks every adapter's {@link #list} makes, with the same messages. */
  static void checkListArguments(String prefix, String startAfter, int limit) {
    if (prefix == null || startAfter == null) {
      throw new IllegalArgumentException("prefix and startAfter must not be null (use \"\")");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }

  /** One object of {@link #putAll}: its key, bytes and content type. */
  record NewObject(String key, byte[] content, String contentType) {}

  /** What is known about a stored object without reading it. */
  record StoredObject(String key, String contentType, long size) {}
}
