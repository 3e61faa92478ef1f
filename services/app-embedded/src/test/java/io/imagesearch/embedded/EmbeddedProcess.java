package io.imagesearch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

  static final Path REPO = repositoryRoot();
  static final Path JAR =
      Path.of(System.getProperty("embedded.jar", "target/imagesearch-embedded.jar"));

  final int port;
  final Path dataDir;
  private final Path log;
  private Process process;

  private EmbeddedProcess(int port, Path dataDir, Path log, Process process) {
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
    this.process = process;
  }

  /** Starts the server and waits until it is ready. */
  static EmbeddedProcess serve(Path dataDir, String... extraArgs) {
    int port = freePort();
    List<String> args = new ArrayList<>(List.of("--server.port=" + port));
    args.addAll(List.of(extraArgs));
    EmbeddedProcess app = start(dataDir, port, args);
    app.awaitReady();
    return app;
  }

  /** Starts {@code import DIR} without a web server; the caller waits or kills. */
  static EmbeddedProcess importFolder(Path dataDir, Path folder, String... extraArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("--spring.main.web-application-type=none", "import", folder.toString()));
    args.addAll(List.of(extraArgs));
    return start(dataDir, 0, args);
  }

  private static EmbeddedProcess start(Path dataDir, int port, List<String> appArgs) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the package phase builds it");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx1g",
            "-jar",
            JAR.toString(),
            "--imagesearch.data-dir=" + dataDir,
            "--imagesearch.model.location=" + REPO.resolve("models/tiny-clip"),
            "--imagesearch.ingest.visibility-timeout=5s"));
    command.addAll(appArgs);
    try {
      Path log = Files.createTempFile(Path.of("target"), "embedded-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new EmbeddedProcess(port, dataDir, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  Path logFile() {
    return log;
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("models/tiny-clip"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no models/tiny-clip above " + Path.of("").toAbsolutePath());
  }
}
