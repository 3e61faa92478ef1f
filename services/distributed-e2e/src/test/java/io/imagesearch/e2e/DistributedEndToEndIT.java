package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 100 images through the ingest API, processed by a worker process, found by the search API and
 * served by the CDN; a poison image among them fails alone, and one filed under a name whose words
 * the model cannot see is found by them (Milvus's BM25).
 */
@ExtendWith(SharedServers.class)
class DistributedEndToEndIT {

  @Test
  void uploadProcessSearchAndServe(RedisServer redis, MinioServer minio) throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      WorkerProcess worker = platform.startWorker("only");
      List<HeldoutSet.Example> examples = HeldoutSet.all().subList(0, 100);
      List<Uploads.Upload> uploads = Uploads.uploadAll(platform, examples);

      // A poison image: its header passes the upload check, its pixels are missing.
      byte[] png = examples.getFirst().bytes();
      HttpResponse<byte[]> poison = Uploads.post(platform, "poison.png", Arrays.copyOf(png, 60));
      assertThat(poison.statusCode()).isEqualTo(202);
      String poisonTask = Http.json(poison).path("task_id").asText();

      HttpResponse<byte[]> named =
          Uploads.post(platform, "grandma-birthday-party.png", HeldoutSet.all().get(150).bytes());
      assertThat(named.statusCode()).isEqualTo(202);
      String namedTask = Http.json(named).path("task_id").asText();

      List<String> taskIds =
          new java.util.ArrayList<>(uploads.stream().map(Uploads.Upload::taskId).toList());
      taskIds.add(poisonTask);
      taskIds.add(namedTask);
      Uploads.awaitAllFinal(platform, taskIds, Duration.ofMinutes(4));

      Map<String, String> captionById = new HashMap<>();
      for (Uploads.Upload upload : uploads) {
        JsonNode status = Uploads.status(platform, upload.taskId());
        assertThat(status.path("status").asText())
            .as("%s\n%s", status, worker.log())
            .isEqualTo("SUCCESS");
        captionById.put(
            status.path("result").path("image_id").asText(), upload.example().caption());
      }
      JsonNode failed = Uploads.status(platform, poisonTask);
      assertThat(failed.path("status").asText()).isEqualTo("FAILURE");
      assertThat(failed.path("error").asText()).contains("cannot be processed");

      // Text search through the search API: the top hit carries the query's caption.
      int hits = 0;
      List<HeldoutSet.Example> queries =
          HeldoutSet.distinct(20).stream().filter(examples::contains).toList();
      for (HeldoutSet.Example query : queries) {
        String url =
            platform.searchUrl(
                "/api/v1/image/search?text="
                    + URLEncoder.encode(query.caption(), StandardCharsets.UTF_8));
        JsonNode ids = Http.json(platform.get(url));
        assertThat(ids.isArray()).isTrue();
        if (query.caption().equals(captionById.get(ids.get(0).asText()))) {
          hits++;
        }
      }
      // The model's held-out recall@1 is 0.92; among these queries all but one must rank first.
      assertThat(hits)
          .as("top-1 hits among %d queries", queries.size())
          .isGreaterThanOrEqualTo(queries.size() - 1);

      // A word of the file name: keyword search finds only that image, hybrid search ranks it
      // at the top beside the best match by meaning.
      String namedId = Uploads.status(platform, namedTask).path("result").path("image_id").asText();
      JsonNode byWord =
          Http.json(platform.get(platform.searchUrl("/api/v1/search?text=birthday&mode=keyword")));
      assertThat(byWord.path("results")).hasSize(1);
      assertThat(byWord.path("results").get(0).path("image").path("id").asText())
          .isEqualTo(namedId);
      JsonNode hybrid =
          Http.json(
              platform.get(
                  platform.searchUrl(
                      "/api/v1/search?text=birthday&mode=hybrid&min_score=auto&limit=200")));
      List<String> hybridIds = new java.util.ArrayList<>();
      hybrid.path("results").forEach(hit -> hybridIds.add(hit.path("image").path("id").asText()));
      assertThat(hybridIds.indexOf(namedId)).as("%s", hybrid).isBetween(0, 1);
      assertThat(hybrid.path("relevant_count").asInt()).isEqualTo(hybridIds.size());

      // Bytes through the CDN, with the immutable caching headers.
      Uploads.Upload first = uploads.getFirst();
      String id = Uploads.status(platform, first.taskId()).path("result").path("image_id").asText();
      HttpResponse<byte[]> bytes = platform.get(platform.cdnUrl("/images/" + id));
      assertThat(bytes.statusCode()).isEqualTo(200);
      assertThat(bytes.body()).isEqualTo(first.example().bytes());
      assertThat(bytes.headers().firstValue("ETag")).contains("\"" + id + "\"");
      assertThat(bytes.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
      HttpResponse<byte[]> again = platform.get(platform.cdnUrl("/images/" + id));
      assertThat(again.body()).isEqualTo(first.example().bytes());
      // The delivery port: the same bytes and headers from MinIO, under the same API keys.
      HttpResponse<byte[]> delivered = platform.get(platform.cdnDeliveryUrl("/images/" + id));
      assertThat(delivered.statusCode()).isEqualTo(200);
      assertThat(delivered.body()).isEqualTo(first.example().bytes());
      assertThat(delivered.headers().firstValue("ETag")).contains("\"" + id + "\"");
      assertThat(delivered.headers().firstValue("Cache-Control"))
          .isEqualTo(bytes.headers().firstValue("Cache-Control"));
      assertThat(delivered.headers().firstValue("Content-Type"))
          .isEqualTo(bytes.headers().firstValue("Content-Type"));

      // A PNG's thumbnail is lossless and no larger than the PNG itself.
      HttpResponse<byte[]> thumb = platform.get(platform.cdnUrl("/thumbnails/" + id));
      assertThat(thumb.statusCode()).isEqualTo(200);
      assertThat(thumb.headers().firstValue("Content-Type")).contains("image/png");
      assertThat(thumb.body().length).isLessThanOrEqualTo(first.example().bytes().length);

      // The library through the search API: every image once (the examples and the named one),
      // newest first, page after page.
      java.util.Set<String> stored = new java.util.HashSet<>(captionById.keySet());
      stored.add(namedId);
      List<String> listed = new java.util.ArrayList<>();
      List<java.time.Instant> times = new java.util.ArrayList<>();
      String after = "";
      do {
        JsonNode page =
            Http.json(
                platform.get(
                    platform.searchUrl(
                        "/api/v1/images/newest?limit=30"
                            + (after.isEmpty() ? "" : "&after=" + after))));
        assertThat(page.path("total").asLong()).isEqualTo(stored.size());
        page.path("images")
            .forEach(
                image -> {
                  listed.add(image.path("id").asText());
                  times.add(java.time.Instant.parse(image.path("created_at").asText()));
                });
        after = page.path("next").isNull() ? "" : page.path("next").asText();
      } while (!after.isEmpty());
      assertThat(listed).hasSize(stored.size()).doesNotHaveDuplicates();
      assertThat(listed).containsExactlyInAnyOrderElementsOf(stored);
      assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
  }
}
