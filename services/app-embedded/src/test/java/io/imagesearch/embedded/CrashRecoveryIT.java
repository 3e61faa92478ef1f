package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An import of 200 images killed with SIGKILL part-way, then run again: every image ends indexed
 * exactly once and every task that was accepted ends SUCCESS.
 */
class CrashRecoveryIT {

  @Test
  void importKilledMidwayCompletesAfterRestart() throws Exception {
    Path dataDir = Files.createTempDirectory("embedded-crash-");
    Path folder = HeldoutSet.DIR;
    int total = HeldoutSet.all().size();

    EmbeddedProcess first = EmbeddedProcess.importFolder(dataDir, folder);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> queuedLines(first) >= total / 3 || !first.isAlive());
    assertThat(first.isAlive())
        .as("the first import must still run when killed:\n%s", first.log())
        .isTrue();
    first.kill();
    int queuedBeforeCrash = queuedLines(first);
    assertThat(queuedBeforeCrash).isBetween(1, total - 1);

    EmbeddedProcess second = EmbeddedProcess.importFolder(dataDir, folder);
    assertThat(second.waitForExit(Duration.ofMinutes(5))).as(second.log()).isZero();

    try (EmbeddedProcess app = EmbeddedProcess.serve(dataDir)) {
      JsonNode stats = Http.json(app.get("/api/v1/stats"));
      long distinctImages =
          HeldoutSet.all().stream().map(e -> ImageId.of(e.bytes())).distinct().count();
      assertThat(stats.path("indexed_images").asLong()).isEqualTo(distinctImages);

      // Every task whose acceptance was acknowledged (printed) in either run ends SUCCESS.
      Set<String> acknowledged = new HashSet<>(acknowledgedTasks(first));
      acknowledged.addAll(acknowledgedTasks(second));
      assertThat(acknowledged.size()).isGreaterThanOrEqualTo(total);
      Set<String> images = new HashSet<>();
      for (String taskId : acknowledged) {
        JsonNode task = Http.json(app.get("/api/v1/tasks/" + taskId));
        assertThat(task.path("status").asText()).as(task.toString()).isEqualTo("SUCCESS");
        images.add(task.path("image_id").asText());
      }
      assertThat(images).hasSize((int) distinctImages);
    }
  }

  private static List<String> acknowledgedTasks(EmbeddedProcess process) {
    return process
        .log()
        .lines()
        .filter(line -> line.startsWith("queued "))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .toList();
  }

  private static int queuedLines(EmbeddedProcess process) {
    return (int) process.log().lines().filter(line -> line.startsWith("queued ")).count();
  }
}
