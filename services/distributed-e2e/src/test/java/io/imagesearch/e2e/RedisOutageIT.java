package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis stops while uploads go on: they are refused with 503 and Retry-After; every upload that was
 * acknowledged before is processed once Redis is back.
 */
@ExtendWith(SharedServers.class)
class RedisOutageIT {

  @Test
  void uploadsDuringAnOutageAre503AndNothingAcknowledgedIsLost(MinioServer minio) throws Exception {
    try (RedisServer redis = RedisServer.start();
        MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      List<HeldoutSet.Example> examples = HeldoutSet.all().subList(160, 190);
      List<String> acknowledged = new ArrayList<>();
      for (Uploads.Upload upload : Uploads.uploadAll(platform, examples.subList(0, 10))) {
        acknowledged.add(upload.taskId());
      }

      redis.stop();
      int refused = 0;
      for (HeldoutSet.Example example : examples.subList(10, 20)) {
        HttpResponse<byte[]> response =
            Uploads.post(platform, "during-outage.png", example.bytes());
        if (response.statusCode() == 202) {
          acknowledged.add(Http.json(response).path("task_id").asText());
        } else {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.headers().firstValue("Retry-After")).isPresent();
          assertThat(response.headers().firstValue("Content-Type"))
              .contains("application/problem+json");
          refused++;
        }
      }
      assertThat(refused).as("uploads while Redis is down are refused").isPositive();

      redis.restart();
      // As a client honouring Retry-After: retry until the service has reconnected.
      for (HeldoutSet.Example example : examples.subList(20, 30)) {
        HttpResponse<byte[]>[] response = new HttpResponse[1];
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    (response[0] = Uploads.post(platform, "after-outage.png", example.bytes()))
                            .statusCode()
                        == 202);
        acknowledged.add(Http.json(response[0]).path("task_id").asText());
      }
      WorkerProcess worker = platform.startWorker("after-outage");
      Uploads.awaitAllFinal(platform, acknowledged, Duration.ofMinutes(4));
      for (String taskId : acknowledged) {
        JsonNode status = Uploads.status(platform, taskId);
        assertThat(status.path("status").asText())
            .as("%s\n%s", status, worker.log())
            .isEqualTo("SUCCESS");
      }
    }
  }
}
