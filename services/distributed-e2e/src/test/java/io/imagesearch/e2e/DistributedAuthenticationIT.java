package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.ingestapi.IngestApiApplication;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * API keys across the distributed services: each asks for one, they share one key store in Redis (a
 * key created on search-api opens ingest-api and cdn, one revoked there is refused by all), each
 * adopts the admin key it is configured with and refuses to start without one, and the management
 * port serves health and metrics to Prometheus without a key.
 */
@ExtendWith(SharedServers.class)
class DistributedAuthenticationIT {

  /** An image id nobody uploaded: a key that passes gets 404, one that does not 401. */
  private static final String UNKNOWN_IMAGE = "/images/" + "ab".repeat(32);

  @Test
  void keysAreSharedByTheServicesAndTheManagementPortIsOpen(RedisServer redis, MinioServer minio)
      throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      // Health and Prometheus on the management port without a key, as Prometheus and the
      // kubelet call them (readiness also creates the bucket the cdn reads from). The main port
      // has no actuator but is asked for a key all the same: nothing there is open by accident.
      for (ConfigurableApplicationContext api :
          List.of(platform.ingest, platform.search, platform.cdn)) {
        String name = api.getEnvironment().getProperty("spring.application.name");
        URI readiness = URI.create(platform.managementUrl(api, "/actuator/health/readiness"));
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> Http.get(readiness).statusCode() == 200);
        HttpResponse<byte[]> metrics =
            Http.get(URI.create(platform.managementUrl(api, "/actuator/prometheus")));
        assertThat(metrics.statusCode()).as(name).isEqualTo(200);
        assertThat(body(metrics)).as(name).contains("application_ready_time_seconds");
        String main = "http://127.0.0.1:" + Platform.port(api);
        assertProblem(
            name, Http.get(URI.create(main + "/actuator/prometheus")), 401, "api-key-missing");
        // Spring Boot runs the management server through the app's security filter chain: only
        // health and Prometheus are open there, the other endpoints still need the admin scope.
        assertProblem(
            name,
            Http.get(URI.create(platform.managementUrl(api, "/actuator/metrics"))),
            401,
            "api-key-missing");
      }
      Map<String, String> guarded =
          Map.of(
              "ingest-api", platform.ingestUrl("/api/v1/tasks"),
              "search-api", platform.searchUrl("/api/v1/image/search?text=a%20cat"),
              "cdn", platform.cdnUrl(UNKNOWN_IMAGE));

      // No key: 401 problem+json on every service, naming the scope to send.
      guarded.forEach(
          (service, url) -> {
            HttpResponse<byte[]> answer = Http.get(URI.create(url));
            assertProblem(service, answer, 401, "api-key-missing");
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .as(service)
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
          });

      // The admin key of the configuration was adopted, once, and opens every service.
      JsonNode keys = Http.json(platform.get(platform.searchUrl("/api/v1/keys")));
      String adminId = idOf(platform.adminKey);
      assertThat(keys.findValuesAsText("id")).containsExactly(adminId);
      assertThat(keys.get(0).path("name").asText()).contains("IMAGESEARCH_SECURITY_ADMIN_KEY");
      assertThat(keys.get(0).path("scopes").toString()).contains("admin");
      assertThat(platform.get(guarded.get("ingest-api")).statusCode()).isEqualTo(200);
      assertThat(platform.get(guarded.get("search-api")).statusCode()).isEqualTo(200);
      assertThat(platform.get(guarded.get("cdn")).statusCode()).isEqualTo(404);

      // Keys are managed on search-api only (where the Ingress sends /api/v1/keys).
      assertThat(platform.get(platform.ingestUrl("/api/v1/keys")).statusCode()).isEqualTo(404);
      assertThat(platform.get(platform.cdnUrl("/api/v1/keys")).statusCode()).isEqualTo(404);

      // A key created on search-api works on ingest-api and cdn too.
      String reader = createKey(platform, "reader", "search", "upload");
      assertThat(withKey(guarded.get("ingest-api"), reader).statusCode()).isEqualTo(200);
      assertThat(withKey(guarded.get("search-api"), reader).statusCode()).isEqualTo(200);
      assertThat(withKey(guarded.get("cdn"), reader).statusCode()).isEqualTo(404);
      // ... within its scopes: no key management, on the service that has it.
      assertProblem(
          "search-api", withKey(platform.searchUrl("/api/v1/keys"), reader), 403, "api-key-scope");

      // Revoked there, it is refused everywhere at once.
      HttpResponse<byte[]> revoked =
          platform.send(
              HttpRequest.newBuilder(URI.create(platform.searchUrl("/api/v1/keys/" + idOf(reader))))
                  .DELETE()
                  .build());
      assertThat(revoked.statusCode()).as(body(revoked)).isEqualTo(200);
      guarded.forEach(
          (service, url) -> {
            JsonNode problem = assertProblem(service, withKey(url, reader), 401, "api-key-revoked");
            assertThat(problem.path("reason").asText()).isEqualTo("revoked");
          });
    }
  }

  @Test
  void theAdminKeyIsRequiredAndARevokedOneStaysRevoked(RedisServer redis, MinioServer minio)
      throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      // Keys on and no admin key: the start fails, saying what to set.
      assertThatThrownBy(
              () ->
                  platform.start(
                      IngestApiApplication.builder(), "--imagesearch.security.admin-key="))
          .hasStackTraceContaining("IMAGESEARCH_SECURITY_ADMIN_KEY");
      assertThatThrownBy(
              () ->
                  platform.start(
                      IngestApiApplication.builder(), "--imagesearch.security.admin-key=secret"))
          .hasStackTraceContaining("is not an API key");

      // Another admin takes over and revokes the configured key...
      String successor = createKey(platform, "successor", "admin");
      HttpResponse<byte[]> revoked =
          Http.send(
              Platform.withKey(
                  HttpRequest.newBuilder(
                          URI.create(platform.searchUrl("/api/v1/keys/" + idOf(platform.adminKey))))
                      .DELETE()
                      .build(),
                  successor));
      assertThat(revoked.statusCode()).as(body(revoked)).isEqualTo(200);

      // ... and a service started again with that key configured does not bring it back.
      ConfigurableApplicationContext restarted = platform.start(IngestApiApplication.builder());
      String tasks = "http://127.0.0.1:" + Platform.port(restarted) + "/api/v1/tasks";
      assertProblem("ingest-api", withKey(tasks, platform.adminKey), 401, "api-key-revoked");
      assertThat(withKey(tasks, successor).statusCode()).isEqualTo(200);
    }
  }

  private static String createKey(Platform platform, String name, String... scopes) {
    HttpResponse<byte[]> created =
        Http.send(
            Platform.withKey(
                Http.postJson(
                    URI.create(platform.searchUrl("/api/v1/keys")),
                    Map.of("name", name, "scopes", List.of(scopes))),
                platform.adminKey));
    assertThat(created.statusCode()).as(body(created)).isEqualTo(201);
    return Http.json(created).path("api_key").asText();
  }

  private static HttpResponse<byte[]> withKey(String url, String key) {
    return Http.send(Platform.withKey(HttpRequest.newBuilder(URI.create(url)).GET().build(), key));
  }

  /** The 16 hex digits after {@code isk_}. */
  private static String idOf(String key) {
    return key.substring(4, 20);
  }

  private static JsonNode assertProblem(
      String service, HttpResponse<byte[]> answer, int status, String type) {
    assertThat(answer.statusCode()).as("%s: %s", service, body(answer)).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type"))
        .as(service)
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = Http.json(answer);
    assertThat(problem.path("type").asText()).as(service).endsWith("/" + type);
    return problem;
  }

  private static String body(HttpResponse<byte[]> answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
