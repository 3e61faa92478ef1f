package io.imagesearch.security.key;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Hands a fresh install's first admin key to whoever runs it, in a file only the process's user can
 * read, so it can be found again after the one time the app shows it.
 */
public final class FirstAdminKeyFile {

  private FirstAdminKeyFile() {}

  /**
   * Creates an admin key if none is usable and writes it to {@code file} (owner read and write
   * only, written whole or not at all); the key created, or empty when an admin key exists and
   * nothing was written.
   */
  public static Optional<IssuedKey> ensure(ApiKeys keys, Path file) {
    Optional<IssuedKey> issued = keys.createAdminKeyIfNone("admin (created at first start)");
    issued.ifPresent(key -> write(file, key.value() + "\n"));
    return issued;
  }

  private static void write(Path file, String content) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".admin-key", ".tmp");
      try {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the first admin key to " + target, e);
    }
  }
}
