package io.imagesearch.queue.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Checks a data directory up front so a bad path fails with a message naming it. */
final class DataDirectory {

  private DataDirectory() {}

  /** Creates {@code dir} if needed and proves it writable by writing to it. */
  static Path prepare(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new LocalStorageException(
          "data directory " + dir + " is a file, not a directory: point the data dir elsewhere");
    }
    try {
      Files.createDirectories(dir);
      // A real write, because permission bits say nothing for root or a read-only mount.
      Files.delete(Files.createTempFile(dir, ".write-probe", ".tmp"));
    } catch (IOException | SecurityException e) {
      throw new LocalStorageException(
          "data directory "
              + dir
              + " is not writable ("
              + e
              + "): create it and give this process write access, or point the data dir"
              + " elsewhere",
          e);
    }
    return dir;
  }

  /**
   * Locks {@code dir/name} for this process alone, so no two processes (or two instances in one
   * process) write the same files. The OS releases the lock when the process dies.
   */
  static FileLock lockExclusively(Path dir, String name) {
    Path lockFile = dir.resolve(name);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException e) {
      // Held by this JVM: fall through to the same message.
    } catch (IOException e) {
      closeQuietly(channel);
      throw new LocalStorageException("cannot lock " + lockFile + ": " + e, e);
    }
    closeQuietly(channel);
    throw new LocalStorageException(
        lockFile
            + " is locked: another queue or status store has this data directory open; close"
            + " it or give each process its own data directory");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing was locked through it.
      }
    }
  }
}
