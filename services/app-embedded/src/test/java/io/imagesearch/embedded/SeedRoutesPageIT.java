package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.WebUiFlow;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A browser page that knows only the seed's routes (src/test/resources/seed-routes-page: a search
 * through {@code GET /api/v1/image/search?text=}, then {@code <img src="/images/{id}">}, no key)
 * works unchanged against the packaged app in Chromium, served at the app's origin as the seed's
 * proxy served its page. Such a page sends no key, so it works where reads are public ({@code
 * imagesearch.security.public-reads=true}) and is answered 401 where they are not (the default).
 */
class SeedRoutesPageIT {

  private static final Path SHOTS = Path.of("target/seed-page").toAbsolutePath();

  @Test
  void aSeedRoutesPageSearchesAndShowsImagesWhenReadsArePublic() throws Exception {
    List<HeldoutSet.Example> examples = HeldoutSet.distinct(3);
    try (EmbeddedProcess app =
        EmbeddedProcess.serve(
            Files.createTempDirectory("embedded-seed-page-"),
            "--imagesearch.security.public-reads=true")) {
      for (HeldoutSet.Example example : examples) {
        byte[] bytes = Files.readAllBytes(example.file());
        // Uploaded through the seed's own upload route, with the admin key.
        String taskId =
            Http.json(
                    app.upload(
                        "/api/v1/ingest",
                        "file",
                        example.file().getFileName().toString(),
                        "image/png",
                        bytes))
                .path("task_id")
                .asText();
        assertThat(app.awaitFinalState(taskId, Duration.ofMinutes(2)).path("status").asText())
            .isEqualTo("SUCCESS");
      }
      HeldoutSet.Example target = examples.get(1);

      WebUiFlow.Result run =
          WebUiFlow.runSeedPage(
              app.uri("/"),
              SHOTS,
              page(),
              sha256(Files.readAllBytes(target.file())),
              target.caption(),
              null);

      assertThat(run.seedPagePassed()).as("%s%nserver log:%n%s", run.output(), app.log()).isTrue();
      assertThat(SHOTS.resolve("seed-page.png")).isNotEmptyFile();
    }
  }

  @Test
  void withoutPublicReadsTheSeedRoutesPageIsAnswered401() throws Exception {
    try (EmbeddedProcess app =
        EmbeddedProcess.serve(Files.createTempDirectory("embedded-seed-page-"))) {
      WebUiFlow.Result run =
          WebUiFlow.runSeedPage(app.uri("/"), SHOTS, page(), "none", "a red circle", 401);

      assertThat(run.seedPagePassed()).as("%s%nserver log:%n%s", run.output(), app.log()).isTrue();
      assertThat(run.output()).contains("refused with 401");
    }
  }

  private static Path page() throws URISyntaxException {
    return Path.of(SeedRoutesPageIT.class.getResource("/seed-routes-page/index.html").toURI());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
