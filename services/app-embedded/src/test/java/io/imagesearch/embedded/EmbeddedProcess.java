package io.imagesearch.embedded;

import io.imagesearch.testsupport.FreePort;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.PackagedJar;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged embedded app as a separate JVM, as a user runs it. */
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

  /** Starts the server with a 1 GB heap and waits until it is ready. */
  static EmbeddedProcess serve(Path dataDir, String... extraArgs) {
    return serve(TEST_HEAP, dataDir, extraArgs);
  }

  /**
   * Starts the server with {@code maxHeap} ({@code -Xmx}; null for the JVM's default, as the README
   * runs it) and waits until it is ready.
   */
  static EmbeddedProcess serve(String maxHeap, Path dataDir, String... extraArgs) {
    int port = FreePort.find();
    List<String> args = new ArrayList<>(List.of("--server.port=" + port));
    args.addAll(List.of(extraArgs));
    EmbeddedProcess app = start(dataDir, port, maxHeap, args);
    app.awaitReady();
    return app;
  }

  /** Starts {@code import DIR} without a web server; the caller waits or kills. */
  static EmbeddedProcess importFolder(Path dataDir, Path folder, String... extraArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("--spring.main.web-application-type=none", "import", folder.toString()));
    args.addAll(List.of(extraArgs));
    return start(dataDir, 0, TEST_HEAP, args);
  }

  private static EmbeddedProcess start(
      Path dataDir, int port, String maxHeap, List<String> appArgs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--imagesearch.data-dir=" + dataDir,
                "--imagesearch.model.location=" + REPO.resolve("models/tiny-clip")));
    // Short, so a test sees a crashed process's claims come back soon; a test may set its own
    // (Spring would join two values of one key into a list).
    if (appArgs.stream().noneMatch(a -> a.startsWith(VISIBILITY_TIMEOUT + "="))) {
      args.add(VISIBILITY_TIMEOUT + "=5s");
    }
    args.addAll(appArgs);
    return new EmbeddedProcess(port, dataDir, PackagedJar.start(JAR, maxHeap, "embedded-", args));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** GET {@code path}. */
  HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** {@code request}: every request of a test to the app goes through here. */
  HttpResponse<byte[]> send(HttpRequest request) {
    return Http.send(request);
  }

  /** A multipart upload of several files to {@code path}. */
  HttpResponse<byte[]> upload(String path, String field, List<Http.FilePart> files) {
    return send(Http.multipart(uri(path), field, files));
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
