package io.imagesearch.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The web UI's flow in headless Chromium driven by playwright-core (both from tools/testenv.sh
 * install): upload the images, wait until each is indexed, search the caption of one and check it
 * comes first, open it and its similar images, phone width. The same script runs against the
 * embedded app (signed in with API keys) and against the cluster's Ingress.
 */
public final class WebUiFlow {
  static final Path SCRIPT =
      RepositoryRoot.find().resolve("services/test-support/src/main/ui/ui-flow.mjs");

  /** How the script ended: its exit code and everything it printed. */
  public record Result(int exitCode, String output) {
    /** The script prints this line last when every step passed. */
    public boolean passed() {
      return exitCode == 0 && output.contains("ui flow passed");
    }
  }

  private WebUiFlow() {}

  /** Where tools/testenv.sh installs playwright-core, or an error naming the install command. */
  static Path playwrightModules() {
    String modules = System.getenv("PLAYWRIGHT_NODE_MODULES");
    Path nodeModules =
        modules != null ? Path.of(modules) : ServerBinary.cacheDir().resolve("node/node_modules");
    if (!Files.isDirectory(nodeModules.resolve("playwright-core"))) {
      throw new MissingServerException(
          "playwright-core is not installed at " + nodeModules + ": run tools/testenv.sh install");
    }
    return nodeModules;
  }

  /** Runs the flow against {@code base}, writing screenshots to {@code screenshots}. */
  public static Result run(URI base, Path screenshots, List<HeldoutSet.Example> images)
      throws IOException, InterruptedException {
    return run(base, screenshots, images, Map.of());
  }

  /**
   * Runs the flow against a server that wants API keys: the page is signed in with {@code apiKey}
   * (scopes search and upload only, so the flow also sees what a missing scope looks like), then
   * with {@code deleteKey} (scopes search and delete), remembered on the device, to delete an
   * image. The keys reach the script through its environment, never its command line.
   */
  public static Result runSignedIn(
      URI base, Path screenshots, List<HeldoutSet.Example> images, String apiKey, String deleteKey)
      throws IOException, InterruptedException {
    return run(base, screenshots, images, Map.of("UI_API_KEY", apiKey, "UI_DELETE_KEY", deleteKey));
  }

  private static Result run(
      URI base, Path screenshots, List<HeldoutSet.Example> images, Map<String, String> env)
      throws IOException, InterruptedException {
    Path nodeModules = playwrightModules();
    List<String> command =
        new ArrayList<>(
            List.of("node", SCRIPT.toString(), base.toString(), screenshots.toString()));
    images.forEach(image -> command.add(image.file() + ":" + image.caption()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PLAYWRIGHT_NODE_MODULES", nodeModules.toString());
    builder.environment().putAll(env);
    Process node = builder.start();
    String output = new String(node.getInputStream().readAllBytes());
    if (!node.waitFor(5, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      return new Result(-1, output + "\n(timed out after 5 minutes)");
    }
    return new Result(node.exitValue(), output);
  }
}
