package io.imagesearch.storage.local;

import io.imagesearch.core.port.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

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
    Objects.requireNonNull(content, "content");
    Pending pending = pending(key, size, contentType);
    try {
      pending.write(out -> copyExactly(content, out, size, key));
      pending.commit();
      AtomicFiles.syncDirectory(pending.data().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store object " + key, e);
    } finally {
      pending.discardTemps();
    }
  }

  /**
   * Writes the objects' temp files at once, each on a virtual thread: each file still gets its
   * fsync, but the file system can commit concurrent fsyncs together, where one after another each
   * waits for its own (2 ms apiece on an ordinary disk, three per object). Then the objects are
   * renamed into place and each directory is synced once.
   */
  @Override
  public void putAll(List<NewObject> objects) {
    List<Pending> pending = new ArrayList<>(objects.size());
    for (NewObject object : objects) {
      pending.add(pending(object.key(), object.content().length, object.contentType()));
    }
    try {
      try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> writes = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
          Pending object = pending.get(i);
          byte[] content = objects.get(i).content();
          writes.add(
              writers.submit(
                  () -> {
                    object.write(out -> out.write(content));
                    return null;
                  }));
        }
        for (Future<?> write : writes) {
          write.get();
        }
      }
      Set<Path> directories = new LinkedHashSet<>();
      for (Pending object : pending) {
        object.commit();
        directories.add(object.data().getParent());
      }
      for (Path directory : directories) {
        AtomicFiles.syncDirectory(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store objects " + keysOf(objects), e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? new UncheckedIOException("cannot store objects " + keysOf(objects), io)
          : new IllegalStateException("cannot store objects " + keysOf(objects), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing " + keysOf(objects), e);
    } finally {
      pending.forEach(Pending::discardTemps);
    }
  }

  private static List<String> keysOf(List<NewObject> objects) {
    return objects.stream().map(NewObject::key).toList();
  }

  /** Checks a put's arguments; the object to write. */
  private Pending pending(String key, long size, String contentType) {
    Path data = keys.dataFile(key);
    if (size < 0) {
      throw new IllegalArgumentException("size of object " + key + " is negative: " + size);
    }
    if (contentType == null || contentType.isBlank()) {
      throw new IllegalArgumentException("object " + key + " needs a content type");
    }
    return new Pending(key, data, new Sidecar(contentType, size));
  }

  /** One object on its way in: synced temp files first, then renamed into place under the lock. */
  private final class Pending {
    private final String key;
    private final Path data;
    private final Sidecar sidecar;
    private Path dataTemp;
    private Path sidecarTemp;

    Pending(String key, Path data, Sidecar sidecar) {
      this.key = key;
      this.data = data;
      this.sidecar = sidecar;
    }

    Path data() {
      return data;
    }

    /** The slow part, streaming and syncing the bytes, runs outside the lock. */
    void write(AtomicFiles.Writer content) throws IOException {
      dataTemp = AtomicFiles.writeTemp(data, content);
      sidecarTemp = AtomicFiles.writeTemp(ObjectKeys.sidecarOf(data), sidecar::writeTo);
    }

    /** Data first: the sidecar, the commit record, names a data file already in place. */
    void commit() throws IOException {
      ReadWriteLock lock = lockFor(key);
      lock.writeLock().lock();
      try {
        AtomicFiles.move(dataTemp, data);
        dataTemp = null;
        AtomicFiles.move(sidecarTemp, ObjectKeys.sidecarOf(data));
        sidecarTemp = null;
      } finally {
        lock.writeLock().unlock();
      }
    }

    /** Removes temp files a failure left behind; a committed temp is renamed already. */
    void discardTemps() {
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
   * Walks the files under the prefix's folder: a data file counts when its sidecar, the commit
   * record, sits beside it, which leaves out temp files and the data of a put a crash cut short.
   * Each page walks the folder again; a page costs a directory read, not a read of every sidecar.
   */
  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    ObjectStore.checkListArguments(prefix, startAfter, limit);
    int slash = prefix.lastIndexOf('/');
    Path folder = slash < 0 ? keys.root() : keys.dataFile(prefix.substring(0, slash));
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try {
      // Real paths: a walk does not descend into a symbolic link, such as a linked root.
      Path realRoot = keys.root().toRealPath();
      try (Stream<Path> files = Files.walk(folder.toRealPath())) {
        return ObjectStore.page(
            files
                .filter(ObjectKeys::isCommittedDataFile)
                .map(file -> ObjectKeys.keyOf(realRoot, file)),
            prefix,
            startAfter,
            limit);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          "cannot list objects under " + prefix,
          e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
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
