package io.imagesearch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tools/testenv.sh installs playwright-core, which drives Debian's Chromium in UI tests. */
public final class PlaywrightModules {
  private PlaywrightModules() {}

  /** The node_modules folder holding playwright-core, or an error naming the install command. */
  public static Path require() {
    String modules = System.getenv("PLAYWRIGHT_NODE_MODULES");
    Path nodeModules =
        modules != null ? Path.of(modules) : ServerBinary.cacheDir().resolve("node/node_modules");
    if (!Files.isDirectory(nodeModules.resolve("playwright-core"))) {
      throw new MissingServerException(
          "playwright-core is not installed at " + nodeModules + ": run tools/testenv.sh install");
    }
    return nodeModules;
  }
}
