package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.PlaywrightModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web UI driven in headless Chromium by playwright-core (both from tools/testenv.sh install).
 * Screenshots land in target/ui/.
 */
class WebUiIT {

  @Test
  void uploadSearchAndBrowseInTheBrowser() throws Exception {
    Path nodeModules = PlaywrightModules.require();
    Path shots = Path.of("target/ui").toAbsolutePath();
    try (EmbeddedProcess app = EmbeddedProcess.serve(Files.createTempDirectory("embedded-ui-"))) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "node",
                  Path.of("src/test/ui/ui-flow.mjs").toAbsolutePath().toString(),
                  app.uri("/").toString(),
                  shots.toString()));
      for (HeldoutSet.Example example : HeldoutSet.distinct(3)) {
        command.add(example.file() + ":" + example.caption());
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("PLAYWRIGHT_NODE_MODULES", nodeModules.toString());
      Process node = builder.start();
      String output = new String(node.getInputStream().readAllBytes());
      assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();

      assertThat(node.exitValue()).as("%s%nserver log:%n%s", output, app.log()).isZero();
      assertThat(output).contains("ui flow passed");
      assertThat(shots.resolve("results.png")).isNotEmptyFile();
    }
  }
}
