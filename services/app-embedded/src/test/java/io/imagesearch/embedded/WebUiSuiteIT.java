package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.WebUiFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web UI's acceptance suite (services/test-support/src/main/ui/ui-suite.mjs) in headless
 * Chromium against the packaged app: every page state on a desktop and a phone, seen as a user sees
 * it, checked by axe-core, with no console error and no failed request. Screenshots of each state
 * land in target/ui-suite/.
 */
class WebUiSuiteIT {

  @Test
  void everyStateOfThePageWorksOnADesktopAndAPhone() throws Exception {
    Path shots = Path.of("target/ui-suite").toAbsolutePath();
    try (EmbeddedProcess app = EmbeddedProcess.serve(Files.createTempDirectory("embedded-ui-"))) {
      WebUiFlow.Result suite = WebUiFlow.runSuite(app.uri("/"), shots, app.adminKey());

      assertThat(suite.suitePassed()).as("%s%nserver log:%n%s", suite.output(), app.log()).isTrue();
      assertThat(suite.output())
          .contains("desktop: no console error, no failed request")
          .contains("phone: no console error, no failed request")
          // The server offers its delivery port, and the page takes every picture from there.
          .containsPattern("desktop: all \\d+ pictures fetched so far came from the delivery port")
          .containsPattern("phone: all \\d+ pictures fetched so far came from the delivery port");
      for (String state :
          new String[] {
            "empty", "library", "uploads", "results", "viewer", "filters", "photo-search", "delete"
          }) {
        assertThat(shots.resolve("desktop-" + state + ".png")).isNotEmptyFile();
      }
      for (String state :
          new String[] {"library", "results", "viewer", "filters", "photo-search"}) {
        assertThat(shots.resolve("phone-" + state + ".png")).isNotEmptyFile();
      }
    }
  }
}
