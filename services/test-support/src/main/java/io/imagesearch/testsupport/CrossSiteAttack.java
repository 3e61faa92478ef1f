package io.imagesearch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A page of another site attacking a user signed in to the web UI, in headless Chromium driven by
 * playwright-core ({@code src/main/ui/cross-site.mjs}): a multipart form post and fetch() calls to
 * the app, a read of storage, and frames of the app's page. The result is what the browser saw;
 * whether the app acted is the caller's to check on the server.
 */
public final class CrossSiteAttack {
  private CrossSiteAttack() {}

  static final Path SCRIPT =
      RepositoryRoot.find().resolve("services/test-support/src/main/ui/cross-site.mjs");

  private static final String RESULT_PREFIX = "CROSS-SITE ";

  /** The script's exit code, everything it printed, and its result line as JSON. */
  public record Result(int exitCode, String output, JsonNode seen) {
    public boolean ran() {
      return exitCode == 0 && seen.path("passed").asBoolean(false);
    }
  }

  /**
   * Signs the user in on {@code app} with {@code userKey} (remembered on the device), then opens
   * the attacker's page, which tries to upload {@code imageFile} and to delete {@code imageId}.
   */
  public static Result run(URI app, String imageId, Path imageFile, String userKey, Path screenshot)
      throws IOException, InterruptedException {
    String origin = "http://" + app.getHost() + ":" + app.getPort();
    try (ForeignSite site = ForeignSite.serve(pages(origin))) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      "node",
                      SCRIPT.toString(),
                      app.toString(),
                      site.url().toString(),
                      imageFile.toString()))
              .redirectErrorStream(true);
      builder
          .environment()
          .put("PLAYWRIGHT_NODE_MODULES", WebUiFlow.playwrightModules().toString());
      builder.environment().put("UI_API_KEY", userKey);
      builder.environment().put("TARGET_IMAGE_ID", imageId);
      builder.environment().put("SCREENSHOT", screenshot.toString());
      Process node = builder.start();
      String output = new String(node.getInputStream().readAllBytes());
      if (!node.waitFor(2, TimeUnit.MINUTES)) {
        node.destroyForcibly();
        throw new IllegalStateException("the cross-site script did not end:\n" + output);
      }
      String line =
          output
              .lines()
              .filter(l -> l.startsWith(RESULT_PREFIX))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no result line:\n" + output));
      JsonNode seen = new ObjectMapper().readTree(line.substring(RESULT_PREFIX.length()));
      return new Result(node.exitValue(), output, seen);
    }
  }

  /**
   * The attacker's page: a form that posts to the app's upload route into a hidden frame, a frame
   * of the app's page (clickjacking) and, as the control that framing works at all, a frame of a
   * page of its own site.
   */
  private static Map<String, String> pages(String appOrigin) {
    String attack =
        """
        <!doctype html>
        <title>You won a prize</title>
        <form id="upload" method="post" enctype="multipart/form-data" action="%s/api/v1/ingest" target="sink">
          <input type="file" id="file" name="file">
        </form>
        <iframe name="sink" width="300" height="80"></iframe>
        <iframe name="app" src="%s/" width="600" height="400"></iframe>
        <iframe name="own" src="/own.html" width="300" height="80"></iframe>
        """
            .formatted(appOrigin, appOrigin);
    String own = "<!doctype html><title>a page of this site</title><p>framed</p>";
    return Map.of("/attack.html", attack, "/own.html", own);
  }
}
