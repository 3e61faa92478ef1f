package io.imagesearch.embedder;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks .zip and .tar.gz model archives, refusing entries that would escape the folder. */
final class ArchiveUnpacker {
  private ArchiveUnpacker() {}

  static void unpack(Path archive, Path into) {
    try {
      Files.createDirectories(into);
      if (archive.getFileName().toString().endsWith(".zip")) {
        unzip(archive, into);
      } else {
        untarGz(archive, into);
      }
    } catch (IOException e) {
      throw new InvalidModelException("cannot unpack the model archive: " + e.getMessage(), e);
    }
  }

  /** The archive's only top-level folder when it has exactly one, else the folder itself. */
  static Path singleTopFolder(Path unpacked) {
    try (Stream<Path> children = Files.list(unpacked)) {
      List<Path> entries = children.toList();
      return entries.size() == 1 && Files.isDirectory(entries.getFirst())
          ? entries.getFirst()
          : unpacked;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unzip(Path archive, Path into) throws IOException {
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = inside(into, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    }
  }

  /** Minimal ustar reader: regular files and folders are all a model archive needs. */
  private static void untarGz(Path archive, Path into) throws IOException {
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = field(header, 0, 100);
        if (name.isEmpty()) {
          break;
        }
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        Path target = inside(into, name);
        if (type == '5') {
          Files.createDirectories(target);
        } else if (type == '0' || type == '\0') {
          Files.createDirectories(target.getParent());
          Files.write(target, in.readNBytes((int) size));
        } else {
          in.skipNBytes(size);
        }
        long padding = (512 - size % 512) % 512;
        in.skipNBytes(padding);
      }
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Path inside(Path root, String name) {
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root)) {
      throw new InvalidModelException("the model archive has an entry outside its folder: " + name);
    }
    return target;
  }
}
