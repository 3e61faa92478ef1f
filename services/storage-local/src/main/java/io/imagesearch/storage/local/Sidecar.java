package io.imagesearch.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Content type and size of a stored object, kept as a small properties file beside its data. */
record Sidecar(String contentType, long size) {

  private static final String CONTENT_TYPE = "contentType";
  private static final String SIZE = "size";

  void writeTo(OutputStream out) throws IOException {
    Properties properties = new Properties();
    properties.setProperty(CONTENT_TYPE, contentType);
    properties.setProperty(SIZE, Long.toString(size));
    properties.store(out, null);
  }

  /** Empty when there is no sidecar, so no object. */
  static Optional<Sidecar> read(Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String contentType = properties.getProperty(CONTENT_TYPE);
    String size = properties.getProperty(SIZE);
    if (contentType == null || size == null) {
      throw new IOException("corrupt object sidecar " + file + ": " + properties);
    }
    return Optional.of(new Sidecar(contentType, Long.parseLong(size)));
  }
}
