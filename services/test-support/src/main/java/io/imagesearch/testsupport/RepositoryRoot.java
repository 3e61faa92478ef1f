package io.imagesearch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's top directory, found from the module a test runs in. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  public static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("mvnw"))
          && Files.isDirectory(candidate.resolve("services"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no repository root (a directory with mvnw) above " + dir);
  }
}
