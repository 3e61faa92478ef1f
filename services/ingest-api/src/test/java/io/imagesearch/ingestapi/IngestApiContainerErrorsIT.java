package io.imagesearch.ingestapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagesearch.testsupport.FreePort;
import io.imagesearch.testsupport.RawHttp;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest API, a distributed service, answers what its servlet container refuses as the embedded
 * app does (they share {@code HttpErrorsConfiguration}), with the request limits set through its
 * own {@code imagesearch.http.*} settings. It runs on a real Redis; MinIO is left unreachable,
 * since every request here is refused before anything is stored. Requests carry the admin key the
 * service adopted, so only the refusal under test answers.
 */
@ExtendWith(SharedServers.class)
class IngestApiContainerErrorsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PARTS = 101;
  private static final int MAX_PARAMETERS = 500;

  /** The admin key the service adopts at start-up, sent with every request. */
  private static final String ADMIN_KEY = "isk_" + "0123456789abcdef" + "_" + "ab".repeat(32);

  private static ConfigurableApplicationContext service;
  private static RawHttp http;

  @BeforeAll
  static void start(RedisServer redis) {
    service =
        IngestApiApplication.builder()
            .run(
                "--server.port=0",
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--imagesearch.queue.key-prefix=errors"
                    + UUID.randomUUID().toString().substring(0, 8),
                "--imagesearch.minio.endpoint=http://127.0.0.1:" + FreePort.find(),
                "--imagesearch.http.max-parts=" + MAX_PARTS,
                "--imagesearch.http.max-parameters=" + MAX_PARAMETERS,
                "--imagesearch.security.admin-key=" + ADMIN_KEY,
                "--logging.structured.format.console=");
    http = new RawHttp(((WebServerApplicationContext) service).getWebServer().getPort());
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @AfterEach
  void serviceStillAnswers() {
    assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
  }

  @Test
  void malformedPercentEncodingIs400() throws IOException {
    assertProblem(get("/api/v1/tasks?limit=%zz"), 400, "invalid-encoding", "percent-encoded UTF-8");
  }

  @Test
  void moreParametersThanItsSettingAre400NamingTheSetting() throws IOException {
    String query =
        IntStream.range(0, MAX_PARAMETERS + 1)
            .mapToObj(i -> "p" + i + "=1")
            .collect(Collectors.joining("&"));

    assertProblem(
        get("/api/v1/tasks?" + query),
        400,
        "too-many-parameters",
        "more than " + MAX_PARAMETERS + " query or form parameters");
  }

  @Test
  void morePartsThanItsSettingAre413NamingTheSetting() throws IOException {
    RawHttp.Multipart body =
        RawHttp.Multipart.of(
            "files", Collections.nCopies(MAX_PARTS + 1, new byte[] {1}), "tags", List.of());

    assertProblem(
        send("POST /api/v1/images", List.of(body.contentType()), body.body()),
        413,
        "too-many-parts",
        "more than " + MAX_PARTS + " parts");
  }

  @Test
  void aPathTomcatRefusesIs400FromTheValve() throws IOException {
    assertProblem(get("/api/v1/ingest/%zz"), 400, "bad-request", "Invalid URI");
  }

  @Test
  void aMethodTomcatRefusesIs405FromTheErrorPage() throws IOException {
    RawHttp.Response response = send("TRACE /api/v1/ingest", List.of(), new byte[0]);

    assertProblem(response, 405, "method-not-allowed", "the Allow header");
    assertThat(response.header("Allow")).isNotBlank();
  }

  @Test
  void anUnknownRouteIs404() throws IOException {
    assertProblem(get("/api/v1/search"), 404, "not-found", "no such route");
  }

  private static RawHttp.Response get(String target) {
    return send("GET " + target, List.of(), new byte[0]);
  }

  private static RawHttp.Response send(String methodAndTarget, List<String> headers, byte[] body) {
    List<String> all = new java.util.ArrayList<>(headers);
    all.add("Authorization: Bearer " + ADMIN_KEY);
    return http.send(methodAndTarget + " HTTP/1.1", all, body);
  }

  private static void assertProblem(
      RawHttp.Response response, int status, String type, String detail) throws IOException {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).isEqualTo("https://imagesearch.io/problems/" + type);
    assertThat(problem.path("detail").asText()).contains(detail);
  }
}
