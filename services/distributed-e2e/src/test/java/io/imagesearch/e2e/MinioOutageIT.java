package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MinIO stops while the worker processes: tasks are retried, and all succeed once it is back. */
@ExtendWith(SharedServers.class)
class MinioOutageIT {

  @Test
  void workerRetriesThroughAnObjectStoreOutage(RedisServer redis) throws Exception {
    try (MinioServer minio = MinioServer.start();
        MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      List<Uploads.Upload> uploads =
          Uploads.uploadAll(platform, HeldoutSet.all().subList(190, 200));
      minio.stop();
      WorkerProcess worker =
          platform.startWorker("through-outage", "--imagesearch.ingest.max-attempts=60");

      // While MinIO is down the worker records the failed attempts and retries.
      await().atMost(Duration.ofMinutes(2)).until(() -> worker.log().contains("retrying"));
      minio.restart();

      Uploads.awaitAllFinal(
          platform, uploads.stream().map(Uploads.Upload::taskId).toList(), Duration.ofMinutes(3));
      for (Uploads.Upload upload : uploads) {
        JsonNode status = Uploads.status(platform, upload.taskId());
        assertThat(status.path("status").asText())
            .as("%s\n%s", status, worker.log())
            .isEqualTo("SUCCESS");
      }
    }
  }
}
