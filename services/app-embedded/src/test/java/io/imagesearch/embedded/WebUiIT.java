package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.WebUiFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web UI driven in headless Chromium by playwright-core (both from tools/testenv.sh install),
 * signed in through its sign-in box with keys of only the scopes each action needs. Screenshots
 * land in target/ui/.
 */
class WebUiIT {

  @Test
  void signInUploadSearchBrowseAndDeleteInTheBrowser() throws Exception {
    Path shots = Path.of("target/ui").toAbsolutePath();
    try (EmbeddedProcess app = EmbeddedProcess.serve(Files.createTempDirectory("embedded-ui-"))) {
      WebUiFlow.Result flow =
          WebUiFlow.runSignedIn(
              app.uri("/"),
              shots,
              HeldoutSet.distinct(3),
              app.createKey(Scope.SEARCH, Scope.UPLOAD),
              app.createKey(Scope.SEARCH, Scope.DELETE));

      assertThat(flow.passed()).as("%s%nserver log:%n%s", flow.output(), app.log()).isTrue();
      assertThat(flow.output())
          .contains("the search is hybrid and counts the relevant images")
          .contains("a refused key is explained")
          .contains("a missing scope is explained")
          .contains("a refused delete is explained")
          .contains("deleted an image with a key that has scope delete");
      assertThat(shots.resolve("results.png")).isNotEmptyFile();
    }
  }
}
