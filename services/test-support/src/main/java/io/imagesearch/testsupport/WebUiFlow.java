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
  static final Path SUITE =
      RepositoryRoot.find().resolve("services/test-support/src/main/ui/ui-suite.mjs");
  static final Path SEED_PAGE =
      RepositoryRoot.find().resolve("services/test-support/src/main/ui/seed-routes-page.mjs");

  /** How the script ended: its exit code and everything it printed. */
  public record Result(int exitCode, String output) {
    /** The flow prints this line last when every step passed. */
    public boolean passed() {
      return exitCode == 0 && output.contains("ui flow passed");
    }

    /** The seed-routes page's run prints this line last when every step passed. */
    public boolean seedPagePassed() {
      return exitCode == 0 && output.contains("seed page passed");
    }

    /** The suite prints this line last when every step passed. */
    public boolean suitePassed() {
      return exitCode == 0 && output.contains("ui suite passed");
    }
  }

  private WebUiFlow() {}

  /** Where tools/testenv.sh installs playwright-core, or an error naming the install command. */
  static Path playwrightModules() {
    String modules = System.getenv("PLAYWRIGHT_NODE_MODULES");
    Path nodeModules =
        modules != null ? Path.of(modules) : ServerBinary.cacheDir().resolve("node/node_modules");
    for (String module : List.of("playwright-core", "axe-core")) {
      if (!Files.isDirectory(nodeModules.resolve(module))) {
        throw new MissingServerException(
            module + " is not installed at " + nodeModules + ": run tools/testenv.sh install");
      }
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

  /**
   * Runs the UI's acceptance suite (ui-suite.mjs: every state on a desktop and a phone, axe-core,
   * no console error or failed request) against an app with an empty library, signed in with {@code
   * adminKey}, which also loads the demo set. The suite uploads three held-out images re-encoded as
   * JPEG, so they are new to a library holding the demo set (the same PNGs).
   */
  public static Result runSuite(URI base, Path screenshots, String adminKey)
      throws IOException, InterruptedException {
    Path uploads = Files.createDirectories(screenshots.resolve("uploads"));
    List<String> args = new ArrayList<>();
    for (HeldoutSet.Example example : HeldoutSet.distinct(3)) {
      Path jpeg = uploads.resolve(example.file().getFileName().toString().replace(".png", ".jpg"));
      java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(example.file().toFile());
      java.awt.image.BufferedImage rgb =
          new java.awt.image.BufferedImage(
              png.getWidth(), png.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
      rgb.createGraphics().drawImage(png, 0, 0, null);
      javax.imageio.ImageIO.write(rgb, "jpg", jpeg.toFile());
      args.add(jpeg + ":" + example.file() + ":" + example.caption());
    }
    return node(SUITE, base, screenshots, args, Map.of("UI_ADMIN_KEY", adminKey), 10);
  }

  /**
   * Serves {@code pageFile} unchanged at {@code base}'s origin and drives it in Chromium: a search
   * of {@code caption} must list {@code expectedId} first and every image must load; with {@code
   * refusedWith}, the search must be answered that status instead.
   */
  public static Result runSeedPage(
      URI base,
      Path screenshots,
      Path pageFile,
      String expectedId,
      String caption,
      Integer refusedWith)
      throws IOException, InterruptedException {
    return node(
        SEED_PAGE,
        base,
        screenshots,
        List.of(pageFile.toString(), expectedId + ":" + caption),
        refusedWith == null ? Map.of() : Map.of("EXPECT_STATUS", refusedWith.toString()),
        3);
  }

  private static Result run(
      URI base, Path screenshots, List<HeldoutSet.Example> images, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> args = images.stream().map(image -> image.file() + ":" + image.caption()).toList();
    return node(SCRIPT, base, screenshots, args, env, 5);
  }

  private static Result node(
      Path script,
      URI base,
      Path screenshots,
      List<String> args,
      Map<String, String> env,
      int timeoutMinutes)
      throws IOException, InterruptedException {
    Path nodeModules = playwrightModules();
    List<String> command =
        new ArrayList<>(
            List.of("node", script.toString(), base.toString(), screenshots.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PLAYWRIGHT_NODE_MODULES", nodeModules.toString());
    builder.environment().putAll(env);
    Process node = builder.start();
    String output = new String(node.getInputStream().readAllBytes());
    if (!node.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      return new Result(-1, output + "\n(timed out after " + timeoutMinutes + " minutes)");
    }
    return new Result(node.exitValue(), output);
  }
}
