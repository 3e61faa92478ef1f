package io.imagesearch.storage.local;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.ModelStateProperties;
import io.imagesearch.core.port.ModelStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The model state of an embedded library in one properties file, replaced whole on each write (a
 * synced temp file renamed over it, then the folder synced), so a crash leaves the old state or the
 * new one. A text file the user can read; one process owns a data folder (the index's lock sees to
 * it), so comparing revisions under this object's lock is enough.
 */
public final class FileModelStateStore implements ModelStateStore {

  private final Path file;

  public FileModelStateStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public synchronized Optional<ModelState> read() {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model state " + file, e);
    }
    try {
      return Optional.of(ModelStateProperties.parse(props));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the model state "
              + file
              + " is damaged ("
              + e.getMessage()
              + "); restore it from a backup, or delete it to start over with the configured model",
          e);
    }
  }

  @Override
  public synchronized boolean write(ModelState next) {
    long stored = read().map(ModelState::revision).orElse(0L);
    if (stored != next.revision() - 1) {
      return false;
    }
    Properties props = ModelStateProperties.of(next);
    Path temp = null;
    try {
      temp = AtomicFiles.writeTemp(file, out -> props.store(out, "Image Search model state"));
      AtomicFiles.move(temp, file);
      temp = null;
      AtomicFiles.syncDirectory(file.getParent());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model state " + file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A stray hidden temp file is harmless; the write's own error matters more.
        }
      }
    }
  }
}
