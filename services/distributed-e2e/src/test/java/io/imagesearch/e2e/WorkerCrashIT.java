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
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two workers share the queue; one is killed with SIGKILL while it processes a batch. Its claimed
 * tasks are reclaimed by the other after the visibility timeout: every task ends SUCCESS, none is
 * lost, and the index holds each image once.
 */
@ExtendWith(SharedServers.class)
class WorkerCrashIT {

  @Test
  void killedWorkersTasksAreFinishedByTheOther(RedisServer redis, MinioServer minio)
      throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      WorkerProcess victim = platform.startWorker("victim");
      List<HeldoutSet.Example> examples = HeldoutSet.all().subList(100, 160);
      List<Uploads.Upload> uploads = Uploads.uploadAll(platform, examples);

      // Kill the first worker once it has finished some work and holds more.
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  uploads.stream()
                      .anyMatch(
                          u ->
                              "SUCCESS"
                                  .equals(
                                      Uploads.status(platform, u.taskId())
                                          .path("status")
                                          .asText())));
      victim.kill();
      long unfinished =
          uploads.stream()
              .filter(
                  u ->
                      !"SUCCESS"
                          .equals(Uploads.status(platform, u.taskId()).path("status").asText()))
              .count();
      assertThat(unfinished).as("work was left when the worker died").isPositive();

      WorkerProcess survivor = platform.startWorker("survivor");
      Uploads.awaitAllFinal(
          platform, uploads.stream().map(Uploads.Upload::taskId).toList(), Duration.ofMinutes(4));

      Set<String> images = new HashSet<>();
      for (Uploads.Upload upload : uploads) {
        JsonNode status = Uploads.status(platform, upload.taskId());
        assertThat(status.path("status").asText())
            .as("%s\n%s", status, survivor.log())
            .isEqualTo("SUCCESS");
        images.add(status.path("result").path("image_id").asText());
      }
      JsonNode stats = Http.json(platform.get(platform.searchUrl("/api/v1/stats")));
      assertThat(stats.path("indexed_images").asLong()).isEqualTo(images.size());
    }
  }
}
