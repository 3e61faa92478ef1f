package io.imagesearch.storage.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps object keys to paths under a root, refusing any key that could name a file outside it or
 * collide with the store's own files (temp files start with a dot, sidecars end in {@code .meta}).
 */
final class ObjectKeys {

  static final String SIDECAR_SUFFIX = ".meta";
  private static final Pattern FORBIDDEN_CHARS = Pattern.compile("[\\\\\\x00-\\x1f:*?\"<>|]");

  private final Path root;

  ObjectKeys(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The data file of {@code key}; IllegalArgumentException naming the key when it is unsafe. */
  Path dataFile(String key) {
    if (key == null || key.isEmpty()) {
      throw invalid(String.valueOf(key), "empty");
    }
    if (key.startsWith("/") || FORBIDDEN_CHARS.matcher(key).find()) {
      throw invalid(key, "absolute or containing a backslash, control or reserved character");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.startsWith(".")) {
        throw invalid(key, "with an empty segment or one starting with a dot");
      }
    }
    if (key.endsWith(SIDECAR_SUFFIX)) {
      throw invalid(key, "ending in the reserved suffix " + SIDECAR_SUFFIX);
    }
    Path file = root.resolve(key).normalize();
    // Belt and braces: whatever the checks above missed must still land under the root.
    if (!file.startsWith(root) || file.equals(root)) {
      throw invalid(key, "resolving outside the store's root");
    }
    return file;
  }

  Path root() {
    return root;
  }

  /** The key of a data file under {@code root}, segments joined by '/' on every platform. */
  static String keyOf(Path root, Path dataFile) {
    Path relative = root.relativize(dataFile);
    StringBuilder key = new StringBuilder();
    for (Path segment : relative) {
      if (!key.isEmpty()) {
        key.append('/');
      }
      key.append(segment);
    }
    return key.toString();
  }

  /**
   * A regular file that holds an object's bytes and has its sidecar beside it: not a temp file, not
   * a sidecar, not the data a crash left without its commit record.
   */
  static boolean isCommittedDataFile(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".")
        && !name.endsWith(SIDECAR_SUFFIX)
        && Files.isRegularFile(file)
        && Files.isRegularFile(sidecarOf(file));
  }

  /** Where the content type and size of {@code dataFile} are kept. */
  static Path sidecarOf(Path dataFile) {
    return dataFile.resolveSibling(dataFile.getFileName() + SIDECAR_SUFFIX);
  }

  private static IllegalArgumentException invalid(String key, String why) {
    String shown = key.length() <= 200 ? key : key.substring(0, 200) + "...";
    return new IllegalArgumentException(
        "invalid object key '" + shown.replace("\0", "\\0") + "': " + why);
  }
}
