package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploading through the ingest API and waiting for the tasks, as a client does, with the platform's
 * admin key.
 */
final class Uploads {
  private Uploads() {}

  record Upload(HeldoutSet.Example example, String taskId) {}

  static HttpResponse<byte[]> post(Platform platform, String name, byte[] bytes) {
    return platform.send(
        Http.multipart(
            URI.create(platform.ingestUrl("/api/v1/ingest")), "file", name, "image/png", bytes));
  }

  static List<Upload> uploadAll(Platform platform, List<HeldoutSet.Example> examples) {
    List<Upload> uploads = new ArrayList<>();
    for (HeldoutSet.Example example : examples) {
      HttpResponse<byte[]> response =
          post(platform, example.file().getFileName().toString(), example.bytes());
      assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
      uploads.add(new Upload(example, Http.json(response).path("task_id").asText()));
    }
    return uploads;
  }

  static JsonNode status(Platform platform, String taskId) {
    return Http.json(platform.get(platform.ingestUrl("/api/v1/ingest/" + taskId)));
  }

  static void awaitAllFinal(Platform platform, List<String> taskIds, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                taskIds.stream()
                    .map(id -> status(platform, id).path("status").asText())
                    .allMatch(s -> s.equals("SUCCESS") || s.equals("FAILURE")));
  }
}
