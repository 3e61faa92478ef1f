package io.imagesearch.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.security.key.Scope;
import io.imagesearch.testsupport.FreePort;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.PackagedJar;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged embedded app as a separate JVM, as a user runs it. Every test request to it goes
 * through the helpers here, which send the admin key the first start wrote (or the key given).
 */
final class EmbeddedProcess implements AutoCloseable {

  static final Path REPO = RepositoryRoot.find();
  static final Path JAR =
      Path.of(System.getProperty("embedded.jar", "target/imagesearch-embedded.jar"));

  private static final String TEST_HEAP = "1g";

  static final String VISIBILITY_TIMEOUT = "--imagesearch.ingest.visibility-timeout";

  final int port;
  final Path dataDir;
  private final PackagedJar.Started started;
  private Process process;

  private EmbeddedProcess(int port, Path dataDir, PackagedJar.Started started) {
    this.port = port;
    this.dataDir = dataDir;
    this.started = started;
    this.process = started.process();
  }

  /** The bundled model, which every test uses unless it names another. */
  static final Path TINY_CLIP = REPO.resolve("models/tiny-clip");

  /** Starts the server with a 1 GB heap and waits until it is ready. */
  static EmbeddedProcess serve(Path dataDir, String... extraArgs) {
    return serve(TEST_HEAP, dataDir, extraArgs);
  }

  /** Starts the server on the model in {@code model} with a 1 GB heap and waits until ready. */
  static EmbeddedProcess serveModel(Path dataDir, Path model, String... extraArgs) {
    return serve(model, TEST_HEAP, dataDir, extraArgs);
  }

  /**
   * Starts the server with {@code maxHeap} ({@code -Xmx}; null for the JVM's default, as the README
   * runs it) and waits until it is ready.
   */
  static EmbeddedProcess serve(String maxHeap, Path dataDir, String... extraArgs) {
    return serve(TINY_CLIP, maxHeap, dataDir, extraArgs);
  }

  private static EmbeddedProcess serve(
      Path model, String maxHeap, Path dataDir, String... extraArgs) {
    int port = FreePort.find();
    List<String> args = new ArrayList<>(List.of("--server.port=" + port));
    args.addAll(List.of(extraArgs));
    EmbeddedProcess app = start(dataDir, model, port, maxHeap, args);
    app.awaitReady();
    return app;
  }

  /** Starts {@code import DIR} without a web server; the caller waits or kills. */
  static EmbeddedProcess importFolder(Path dataDir, Path folder, String... extraArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("--spring.main.web-application-type=none", "import", folder.toString()));
    args.addAll(List.of(extraArgs));
    return start(dataDir, TINY_CLIP, 0, TEST_HEAP, args);
  }

  private static EmbeddedProcess start(
      Path dataDir, Path model, int port, String maxHeap, List<String> appArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("--imagesearch.data-dir=" + dataDir, "--imagesearch.model.location=" + model));
    // Short, so a test sees a crashed process's claims come back soon; a test may set its own
    // (Spring would join two values of one key into a list).
    if (appArgs.stream().noneMatch(a -> a.startsWith(VISIBILITY_TIMEOUT + "="))) {
      args.add(VISIBILITY_TIMEOUT + "=5s");
    }
    // Any free delivery port: tests run beside a `make run` (8081) and beside each other.
    if (appArgs.stream().noneMatch(a -> a.startsWith("--imagesearch.delivery.port="))) {
      args.add("--imagesearch.delivery.port=0");
    }
    args.addAll(appArgs);
    return new EmbeddedProcess(port, dataDir, PackagedJar.start(JAR, maxHeap, "embedded-", args));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The admin key the first start wrote to {@code <data dir>/admin-key}. */
  String adminKey() {
    try {
      return Files.readString(adminKeyFile(dataDir)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no admin key in " + dataDir + ":\n" + log(), e);
    }
  }

  static Path adminKeyFile(Path dataDir) {
    return dataDir.resolve("admin-key");
  }

  /** A new key with {@code scopes} and no expiry, created through the API with the admin key. */
  String createKey(Scope... scopes) {
    return createKey("test " + Arrays.toString(scopes), null, scopes);
  }

  /** A new key, created through {@code POST /api/v1/keys} with the admin key. */
  String createKey(String name, Instant expiresAt, Scope... scopes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("scopes", Arrays.stream(scopes).map(Scope::wireName).toList());
    if (expiresAt != null) {
      body.put("expires_at", expiresAt.toString());
    }
    HttpResponse<byte[]> created = send(Http.postJson(uri("/api/v1/keys"), body));
    if (created.statusCode() != 201) {
      throw new IllegalStateException(
          "creating a key answered "
              + created.statusCode()
              + ": "
              + new String(created.body(), StandardCharsets.UTF_8));
    }
    return Http.json(created).path("api_key").asText();
  }

  /** GET {@code path} with the admin key. */
  HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** {@code request} with the admin key. */
  HttpResponse<byte[]> send(HttpRequest request) {
    return sendAs(adminKey(), request);
  }

  /** {@code request} with {@code key} as a Bearer token, or without any key when it is null. */
  static HttpResponse<byte[]> sendAs(String key, HttpRequest request) {
    if (key == null) {
      return Http.send(request);
    }
    return Http.send(
        HttpRequest.newBuilder(request, (name, value) -> true)
            .header("Authorization", "Bearer " + key)
            .build());
  }

  /** A multipart upload of one file to {@code path}, with the admin key. */
  HttpResponse<byte[]> upload(
      String path, String field, String fileName, String contentType, byte[] content) {
    return send(Http.multipart(uri(path), field, fileName, contentType, content));
  }

  /** GET with a JSON answer; fails on any status but 200. */
  JsonNode getJson(String path) {
    HttpResponse<byte[]> response = get(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body()));
    }
    return Http.json(response);
  }

  HttpResponse<byte[]> post(String path) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /**
   * The task's status once it is SUCCESS or FAILURE; fails when it is neither within {@code bound}.
   */
  JsonNode awaitFinalState(String taskId, Duration bound) {
    JsonNode[] task = new JsonNode[1];
    Awaitility.await()
        .atMost(bound)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                FINAL_STATES.contains(
                    (task[0] = Http.json(get("/api/v1/ingest/" + taskId)))
                        .path("status")
                        .asText()));
    return task[0];
  }

  private static final Set<String> FINAL_STATES = Set.of("SUCCESS", "FAILURE");

  /** A multipart upload of several files to {@code path}, with the admin key. */
  HttpResponse<byte[]> upload(String path, String field, List<Http.FilePart> files) {
    return send(Http.multipart(uri(path), field, files));
  }

  /** What a {@code keys} command printed (standard output and error) and its exit code. */
  record KeysRun(int exitCode, String output) {

    /** The key a {@code keys create} printed. */
    String createdKey() {
      return output
          .lines()
          .filter(line -> line.startsWith("isk_"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no key printed:\n" + output));
    }
  }

  /** Runs {@code keys WORDS...} of the packaged jar on {@code dataDir} and waits for it. */
  static KeysRun keys(Path dataDir, String... words) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("--imagesearch.data-dir=" + dataDir, "keys"));
    args.addAll(List.of(words));
    PackagedJar.Started run = PackagedJar.start(JAR, "256m", "embedded-keys-", args);
    if (!run.process().waitFor(2, TimeUnit.MINUTES)) {
      run.process().destroyForcibly();
      throw new IllegalStateException("keys did not finish in 2 minutes:\n" + run.logText());
    }
    return new KeysRun(run.process().exitValue(), run.logText());
  }

  String log() {
    return started.logText();
  }

  Path logFile() {
    return started.log();
  }

  /** The most memory the process has had resident so far (Linux's VmHWM), in bytes. */
  long peakResidentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the app did not finish within " + timeout + ":\n" + log());
    }
    return process.exitValue();
  }

  /** SIGTERM, as Kubernetes or a service manager stops it; returns at once. */
  void terminate() {
    process.destroy();
  }

  /** SIGKILL: no shutdown hooks, no flushing, as a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited during start-up:\n" + log());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the app was not ready within 2 minutes:\n" + log());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
