package io.imagesearch.clustere2e;

import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.PlaywrightModules;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The web UI's flow (upload, search, detail, phone width) in headless Chromium driven by
 * playwright-core: the same script the embedded mode's UI test runs, here against the cluster.
 */
final class WebUiFlow {
  static final Path SCRIPT =
      RepositoryRoot.find().resolve("services/app-embedded/src/test/ui/ui-flow.mjs");

  private WebUiFlow() {}

  /** Runs the flow against {@code base}; returns its output, or throws with it. */
  static String run(URI base, Path screenshots, List<HeldoutSet.Example> images)
      throws IOException, InterruptedException {
    Path nodeModules = PlaywrightModules.require();
    List<String> command =
        new ArrayList<>(
            List.of("node", SCRIPT.toString(), base.toString(), screenshots.toString()));
    images.forEach(image -> command.add(image.file() + ":" + image.caption()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PLAYWRIGHT_NODE_MODULES", nodeModules.toString());
    Process node = builder.start();
    String output = new String(node.getInputStream().readAllBytes());
    if (!node.waitFor(5, TimeUnit.MINUTES)
        || node.exitValue() != 0
        || !output.contains("ui flow passed")) {
      throw new AssertionError("the web UI flow failed:\n" + output);
    }
    return output;
  }
}
