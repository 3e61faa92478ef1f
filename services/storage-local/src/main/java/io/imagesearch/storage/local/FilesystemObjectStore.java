package io.imagesearch.storage.local;

import io.imagesearch.core.port.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Objects as files under a root directory: key {@code images/<id>} is the file {@code
 * <root>/images/<id>}, its content type and size sit in the sidecar {@code <id>.meta}.
 *
 * <p>The sidecar is the commit record: an object exists only when its sidecar exists and names the
 * data file's size, so a crash mid-put never exposes a partial object. Both files are written to
 * synced temp files and renamed into place data first. One process owns a root; within it, puts,
 * deletes and reads of a key are serialised by a lock stripe so they see both files from one put.
 */
public final class FilesystemObjectStore implements ObjectStore {

  private static final int STRIPES = 64;
  private static final int BUFFER_SIZE = 64 * 1024;

  private final ObjectKeys keys;
  private final ReadWriteLock[] stripes = new ReadWriteLock[STRIPES];

  public FilesystemObjectStore(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create object store root " + root, e);
    }
    this.keys = new ObjectKeys(root);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantReadWriteLock();
    }
  }

  @Override
  public void put(String key, InputStream content, long size, String contentType) {
    Path data = keys.dataFile(key);
    Objects.requireNonNull(content, "content");
    if (size < 0) {
      throw new IllegalArgumentException("size of object " + key + " is negative: " + size);
    }
    if (contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("object " + key + " needs a content type");
    }
    Path sidecar = ObjectKeys.sidecarOf(data);
    Path dataTemp = null;
    Path sidecarTemp = null;
    try {
      // The slow part, streaming the bytes, runs outside the lock so writers of one key overlap.
      dataTemp = AtomicFiles.writeTemp(data, out -> copyExactly(content, out, size, key));
      sidecarTemp = AtomicFiles.writeTemp(sidecar, new Sidecar(contentType, size)::writeTo);
      ReadWriteLock lock = lockFor(key);
      lock.writeLock().lock();
      try {
        AtomicFiles.move(dataTemp, data);
        AtomicFiles.move(sidecarTemp, sidecar);
        AtomicFiles.syncDirectory(data.getParent());
      } finally {
        lock.writeLock().unlock();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store object " + key, e);
    } finally {
      deleteQuietly(dataTemp);
      deleteQuietly(sidecarTemp);
    }
  }

  @Override
  public Optional<StoredObject> stat(String key) {
    Path data = keys.dataFile(key);
    ReadWriteLock lock = lockFor(key);
    lock.readLock().lock();
    try {
      return committed(data).map(s -> new StoredObject(key, s.contentType(), s.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read object " + key, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<InputStream> open(String key) {
    Path data = keys.dataFile(key);
    ReadWriteLock lock = lockFor(key);
    lock.readLock().lock();
    try {
      if (committed(data).isEmpty()) {
        return Optional.empty();
      }
      // An open file keeps its bytes even if a later put renames a new file over it.
      return Optional.of(Files.newInputStream(data));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open object " + key, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean delete(String key) {
    Path data = keys.dataFile(key);
    ReadWriteLock lock = lockFor(key);
    lock.writeLock().lock();
    try {
      boolean existed = committed(data).isPresent();
      // Sidecar first: once it is gone the object is gone, whatever happens to the data file.
      boolean removed = Files.deleteIfExists(ObjectKeys.sidecarOf(data));
      removed |= Files.deleteIfExists(data);
      if (removed) {
        AtomicFiles.syncDirectory(data.getParent());
      }
      return existed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete object " + key, e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The sidecar of a whole object, or empty. A data file without a sidecar, or whose size the
   * sidecar does not match, is the leftover of a put that a crash cut between its two renames.
   */
  private static Optional<Sidecar> committed(Path data) throws IOException {
    Optional<Sidecar> sidecar = Sidecar.read(ObjectKeys.sidecarOf(data));
    if (sidecar.isEmpty() || !Files.isRegularFile(data)) {
      return Optional.empty();
    }
    return Files.size(data) == sidecar.get().size() ? sidecar : Optional.empty();
  }

  private ReadWriteLock lockFor(String key) {
    return stripes[Math.floorMod(key.hashCode(), STRIPES)];
  }

  /** Copies exactly {@code size} bytes; a stream shorter or longer than declared is refused. */
  private static void copyExactly(InputStream in, OutputStream out, long size, String key)
      throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long remaining = size;
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new IllegalArgumentException(
            "object "
                + key
                + " declared "
                + size
                + " bytes but its content ended after "
                + (size - remaining));
      }
      out.write(buffer, 0, n);
      remaining -= n;
    }
    if (in.read() != -1) {
      throw new IllegalArgumentException(
          "object " + key + " declared " + size + " bytes but its content is longer");
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // A stray temp file is invisible to readers; losing the original error would be worse.
    }
  }
}
