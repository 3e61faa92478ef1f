package io.imagesearch.storage.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: a reader sees the old file or the whole new one, never a part, and a
 * completed write survives power loss.
 */
final class AtomicFiles {

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase().startsWith("windows");

  private AtomicFiles() {}

  /**
   * Writes the content to a hidden temp file beside {@code target}: not yet visible, but synced.
   */
  static Path writeTemp(Path target, Writer writer) throws IOException {
    Path dir = target.getParent();
    // createDirectories signals an existing directory with an exception it catches: a stack
    // trace per write on the hot path.
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    // A leading dot keeps temp files out of the key space (ObjectKeys refuses such segments).
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(channel);
      writer.writeTo(out);
      out.flush();
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  /**
   * Makes a synced temp file visible as {@code target} in one step; durable once {@link
   * #syncDirectory} of its directory returns.
   */
  static void move(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes a rename or delete in {@code dir} durable. */
  static void syncDirectory(Path dir) throws IOException {
    // Windows cannot open a directory as a channel; NTFS journals renames itself.
    if (WINDOWS) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }
}
