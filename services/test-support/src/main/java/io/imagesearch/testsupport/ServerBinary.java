package io.imagesearch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a test server's executable lives: the path `tools/testenv.sh env` exports, else the path
 * `tools/testenv.sh install` puts it at. A missing binary fails with the command that installs it.
 */
public record ServerBinary(String name, Path path) {

  static final String INSTALL_HINT = "tools/testenv.sh install";

  public static Path cacheDir() {
    String env = System.getenv("TESTENV_CACHE");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "imagesearch-testenv");
  }

  /** Resolves {@code envVar} or falls back to {@code defaultPath}. */
  public static ServerBinary resolve(String name, String envVar, Path defaultPath) {
    String env = System.getenv(envVar);
    Path path = env != null && !env.isBlank() ? Path.of(env) : defaultPath;
    return new ServerBinary(name, path);
  }

  /** Returns the path, or throws with the exact install command when it is not there. */
  public Path require() {
    if (!Files.isExecutable(path)) {
      throw new MissingServerException(
          name
              + " is not installed at "
              + path
              + ". Install the test servers with: "
              + INSTALL_HINT
              + " (run from the repository root; `make test` does this for you).");
    }
    return path;
  }
}
