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
import io.imagesearch.testsupport.TokenIssuer;
import io.imagesearch.testsupport.TokenIssuer.TokenRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The distributed services with an OIDC issuer (a real one, {@link TokenIssuer}) configured as the
 * operator configures it: images uploaded through ingest-api, found through search-api and fetched
 * from cdn with access tokens alone, each token's scopes holding on every service, and a token
 * meant for another audience refused by all three.
 */
@ExtendWith(SharedServers.class)
class DistributedAccessTokenIT {

  @Test
  void uploadSearchAndFetchWithAccessTokensOnly(RedisServer redis, MinioServer minio) {
    try (TokenIssuer issuer = TokenIssuer.start();
        MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).withIssuer(issuer).startApis()) {
      platform.startWorker("only");
      String uploader = issuer.accessToken("upload");
      String reader = issuer.accessToken("search");

      List<HeldoutSet.Example> examples = HeldoutSet.distinct(5);
      List<String> tasks = new ArrayList<>();
      for (HeldoutSet.Example example : examples) {
        HttpResponse<byte[]> accepted =
            Http.send(
                Platform.withKey(
                    Http.multipart(
                        URI.create(platform.ingestUrl("/api/v1/ingest")),
                        "file",
                        example.file().getFileName().toString(),
                        "image/png",
                        example.bytes()),
                    uploader));
        assertThat(accepted.statusCode()).as(body(accepted)).isEqualTo(202);
        tasks.add(Http.json(accepted).path("task_id").asText());
      }
      List<String> ids = new ArrayList<>();
      for (String task : tasks) {
        String url = platform.ingestUrl("/api/v1/ingest/" + task);
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> Http.json(get(url, uploader)).path("status").asText(), "SUCCESS"::equals);
        ids.add(Http.json(get(url, uploader)).path("result").path("image_id").asText());
      }

      HeldoutSet.Example query = examples.getFirst();
      HttpResponse<byte[]> found =
          get(
              platform.searchUrl(
                  "/api/v1/image/search?text="
                      + URLEncoder.encode(query.caption(), StandardCharsets.UTF_8)),
              reader);
      assertThat(found.statusCode()).as(body(found)).isEqualTo(200);
      List<String> hits = new ArrayList<>();
      Http.json(found).forEach(hit -> hits.add(hit.asText()));
      assertThat(hits).as("search for '%s'", query.caption()).contains(ids.getFirst());

      HttpResponse<byte[]> image = get(platform.cdnUrl("/images/" + ids.getFirst()), reader);
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(image.body()).isEqualTo(query.bytes());
      assertThat(image.headers().firstValue("Cache-Control").orElseThrow()).contains("private");

      // A token's scopes hold on every service: the reader cannot follow tasks, the uploader
      // cannot search or fetch images.
      assertProblem(get(platform.ingestUrl("/api/v1/tasks"), reader), 403, "token-scope");
      assertProblem(
          get(platform.searchUrl("/api/v1/image/search?text=a"), uploader), 403, "token-scope");
      assertProblem(
          get(platform.cdnUrl("/images/" + ids.getFirst()), uploader), 403, "token-scope");

      // A token for another audience, and none at all, are refused by each service.
      String elsewhere =
          issuer.accessToken(TokenRequest.withScopes("admin").withAudience("billing"));
      Map<String, String> guarded =
          Map.of(
              "ingest-api", platform.ingestUrl("/api/v1/tasks"),
              "search-api", platform.searchUrl("/api/v1/image/search?text=a"),
              "cdn", platform.cdnUrl("/images/" + ids.getFirst()));
      guarded.forEach(
          (service, url) -> {
            JsonNode problem = assertProblem(get(url, elsewhere), 401, "token-audience");
            assertThat(problem.path("detail").asText()).as(service).contains("image-search");
            assertProblem(Http.get(URI.create(url)), 401, "api-key-missing");
          });
    }
  }

  private static HttpResponse<byte[]> get(String url, String token) {
    return Http.send(
        Platform.withKey(HttpRequest.newBuilder(URI.create(url)).GET().build(), token));
  }

  private static JsonNode assertProblem(HttpResponse<byte[]> answer, int status, String type) {
    assertThat(answer.statusCode()).as(body(answer)).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = Http.json(answer);
    assertThat(problem.path("type").asText()).endsWith("/" + type);
    return problem;
  }

  private static String body(HttpResponse<byte[]> answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
