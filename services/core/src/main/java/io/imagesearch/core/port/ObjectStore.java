package io.imagesearch.core.port;

import java.io.InputStream;
import java.util.Optional;

/**
 * Durable bytes by key, with their content type and size. A successful {@link #put} means the bytes
 * survive a crash of this process.
 */
public interface ObjectStore {

  /** Stores {@code size} bytes from {@code content} under {@code key}, replacing what was there. */
  void put(String key, InputStream content, long size, String contentType);

  /** Content type and size of the object, or empty when there is none. */
  Optional<StoredObject> stat(String key);

  /** Opens the object for streaming; the caller closes the stream. Empty when there is none. */
  Optional<InputStream> open(String key);

  /** Removes the object; true when it existed. */
  boolean delete(String key);

  /** What is known about a stored object without reading it. */
  record StoredObject(String key, String contentType, long size) {}
}
