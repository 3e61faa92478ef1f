package io.imagesearch.core.port;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

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

  /** One object of {@link #putAll}: its key, bytes and content type. */
  record NewObject(String key, byte[] content, String contentType) {}

  /** What is known about a stored object without reading it. */
  record StoredObject(String key, String contentType, long size) {}
}
