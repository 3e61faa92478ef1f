package io.imagesearch.web;

import io.imagesearch.core.port.ObjectStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored object as a Spring {@code Resource} with a known length, so Spring MVC can answer Range
 * requests (206) by opening and skipping the stream rather than loading it whole.
 */
final class StoredObjectResource extends AbstractResource {

  private final ObjectStore store;
  private final ObjectStore.StoredObject object;

  StoredObjectResource(ObjectStore store, ObjectStore.StoredObject object) {
    this.store = store;
    this.object = object;
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return store
        .open(object.key())
        .orElseThrow(() -> new FileNotFoundException(object.key() + " was deleted"));
  }

  @Override
  public long contentLength() {
    return object.size();
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public boolean isReadable() {
    return true;
  }

  @Override
  public String getFilename() {
    return null;
  }

  @Override
  public String getDescription() {
    return "stored object " + object.key();
  }
}
