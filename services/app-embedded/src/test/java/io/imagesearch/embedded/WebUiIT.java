package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.WebUiFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web UI driven in headless Chromium by playwright-core (both from tools/testenv.sh install).
 * Screenshots land in target/ui/.
 */
class WebUiIT {

  @Test
  void uploadSearchAndBrowseInTheBrowser() throws Exception {
    Path shots = Path.of("target/ui").toAbsolutePath();
    try (EmbeddedProcess app = EmbeddedProcess.serve(Files.createTempDirectory("embedded-ui-"))) {
      WebUiFlow.Result flow = WebUiFlow.run(app.uri("/"), shots, HeldoutSet.distinct(3));

      assertThat(flow.passed()).as("%s%nserver log:%n%s", flow.output(), app.log()).isTrue();
      assertThat(shots.resolve("results.png")).isNotEmptyFile();
    }
  }
}
