package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The worker service stopped with SIGTERM while it holds tasks, as Kubernetes stops a pod: it
 * closes itself before the JVM's shutdown hooks (no crash report, the JVM's status for SIGTERM),
 * finishing the batch in its forward pass and giving the rest back to the Redis stream. With no
 * grace period, what it claimed ahead goes back at once. A second worker then finishes every task,
 * each on its first attempt: nothing waited for the visibility timeout, nothing counted the stop.
 */
@ExtendWith(SharedServers.class)
class WorkerStopIT {

  private static final int SIGTERM_EXIT = 143;

  @Test
  void aWorkerStoppedMidBatchFinishesOrGivesBackWhatItHolds(RedisServer redis, MinioServer minio)
      throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      WorkerProcess first =
          platform.startWorker(
              "stopped",
              "--imagesearch.ingest.shutdown-grace-period=0s",
              "--logging.level.io.imagesearch=INFO");
      List<HeldoutSet.Example> examples = HeldoutSet.all().subList(40, 120);
      List<Uploads.Upload> uploads = Uploads.uploadAll(platform, examples);
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> uploads.stream().anyMatch(u -> !state(platform, u).equals("PENDING")));

      first.terminate();

      int exit = first.waitForExit(Duration.ofMinutes(1));
      assertThat(Path.of("hs_err_pid" + first.pid() + ".log")).doesNotExist();
      assertThat(exit).as(first.log()).isEqualTo(SIGTERM_EXIT);
      assertThat(first.log()).contains("SIGTERM received: closing the application");
      long unfinished = uploads.stream().filter(u -> !state(platform, u).equals("SUCCESS")).count();
      assertThat(unfinished).as("work was left when the worker stopped").isPositive();

      WorkerProcess second = platform.startWorker("second");
      Uploads.awaitAllFinal(
          platform, uploads.stream().map(Uploads.Upload::taskId).toList(), Duration.ofMinutes(4));
      for (Uploads.Upload upload : uploads) {
        JsonNode task = task(platform, upload);
        assertThat(task.path("status").asText())
            .as("%s\n%s", task, second.log())
            .isEqualTo("SUCCESS");
        assertThat(task.path("attempts").asInt())
            .as("the stop must not count as an attempt: %s", task)
            .isEqualTo(1);
      }
    }
  }

  private static String state(Platform platform, Uploads.Upload upload) {
    return Uploads.status(platform, upload.taskId()).path("status").asText();
  }

  /** The richer task view, with its attempts. */
  private static JsonNode task(Platform platform, Uploads.Upload upload) {
    return Http.json(platform.get(platform.ingestUrl("/api/v1/tasks/" + upload.taskId())));
  }
}
