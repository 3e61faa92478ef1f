package io.imagesearch.clustere2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.Http;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Uploads through the Ingress's routes and the status URLs they hand out, as a client does, with
 * the cluster's admin key.
 */
final class Uploads {
  private Uploads() {}

  /** The batch route of the web UI, {@code perRequest} files a request; returns status paths. */
  static List<String> batch(IngressGateway gateway, List<ImageFile> files, int perRequest) {
    List<String> statusPaths = new ArrayList<>();
    for (int i = 0; i < files.size(); i += perRequest) {
      List<ImageFile> part = files.subList(i, Math.min(files.size(), i + perRequest));
      HttpResponse<byte[]> response =
          gateway.send(
              Http.multipart(
                  gateway.uri("/api/v1/images"),
                  "files",
                  part.stream().map(ImageFile::part).toList()));
      assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
      JsonNode body = Http.json(response);
      assertThat(body.path("rejected")).as(body.toString()).isEmpty();
      body.path("accepted").forEach(a -> statusPaths.add(a.path("status_url").asText()));
    }
    return statusPaths;
  }

  /** The original single-file route. */
  static HttpResponse<byte[]> single(IngressGateway gateway, ImageFile file) {
    return gateway.send(
        Http.multipart(
            gateway.uri("/api/v1/ingest"), "file", file.name(), "image/png", file.bytes()));
  }

  /** The status path of an accepted single-file upload. */
  static String statusPath(HttpResponse<byte[]> accepted) {
    return "/api/v1/ingest/" + Http.json(accepted).path("task_id").asText();
  }

  /** Waits until every task is SUCCESS (fails at the first FAILURE); returns path to image id. */
  static Map<String, String> awaitAllSuccess(
      IngressGateway gateway, List<String> statusPaths, Duration atMost) {
    Map<String, String> imageIds = new LinkedHashMap<>();
    await("all " + statusPaths.size() + " tasks SUCCESS")
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              for (String path : statusPaths) {
                if (!imageIds.containsKey(path)) {
                  JsonNode status = Http.json(gateway.get(path));
                  String state = status.path("status").asText();
                  assertThat(state).as(path + ": " + status).isNotEqualTo("FAILURE");
                  if (state.equals("SUCCESS")) {
                    imageIds.put(path, imageId(status));
                  }
                }
              }
              return imageIds.size() == statusPaths.size();
            });
    return imageIds;
  }

  /** Both status shapes: the original route's {result: {image_id}} and the tasks route's. */
  private static String imageId(JsonNode status) {
    return status.has("image_id")
        ? status.path("image_id").asText()
        : status.path("result").path("image_id").asText();
  }

  /**
   * Every image id the library lists, walking its pages newest first: what a user expects back is
   * each image, and equal counts could hide a lost image beside an extra one.
   */
  static Set<String> libraryIds(IngressGateway gateway) {
    Set<String> ids = new LinkedHashSet<>();
    String after = null;
    do {
      var response =
          gateway.get(
              "/api/v1/images/newest?limit=200"
                  + (after == null ? "" : "&after=" + URLEncoder.encode(after, UTF_8)));
      assertThat(response.statusCode())
          .as("the library page: %s", new String(response.body(), UTF_8))
          .isEqualTo(200);
      JsonNode page = Http.json(response);
      page.path("images").forEach(image -> ids.add(image.path("id").asText()));
      after = page.path("next").isTextual() ? page.path("next").asText() : null;
    } while (after != null);
    return ids;
  }

  /**
   * The listed ids, or none while the library cannot be listed (a wait's poll); what it answered
   * goes to {@code seen}.
   */
  static Set<String> libraryIdsOrNone(IngressGateway gateway, AtomicReference<String> seen) {
    try {
      Set<String> ids = libraryIds(gateway);
      seen.set(ids.size() + " images listed");
      return ids;
    } catch (RuntimeException | AssertionError e) {
      seen.set(e.toString());
      return Set.of();
    }
  }

  static long indexedImages(IngressGateway gateway) {
    return Http.json(gateway.get("/api/v1/stats")).path("indexed_images").asLong();
  }
}
