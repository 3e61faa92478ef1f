package io.imagesearch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One external server process on loopback: started with a fixed command line, logged to a file,
 * ready once {@link ReadinessCheck} passes, stoppable and restartable on the same port so tests can
 * simulate an outage.
 */
public final class ServerProcess implements AutoCloseable {

  /** Answers whether the started server serves requests yet. */
  @FunctionalInterface
  public interface ReadinessCheck {
    boolean isReady() throws Exception;

    static ReadinessCheck tcp(int port) {
      return () -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
          return true;
        } catch (IOException e) {
          return false;
        }
      };
    }
  }

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final ReadinessCheck readiness;
  private final Duration startupTimeout;
  private final Path logFile;
  private Process process;

  public ServerProcess(
      String name,
      List<String> command,
      Map<String, String> environment,
      ReadinessCheck readiness,
      Duration startupTimeout) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.readiness = readiness;
    this.startupTimeout = startupTimeout;
    this.logFile = logDir().resolve(name + "-" + ProcessHandle.current().pid() + ".log");
  }

  static Path logDir() {
    Path dir = Path.of("target", "test-servers");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized ServerProcess start() {
    if (isRunning()) {
      return this;
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    awaitReady();
    return this;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + " during start-up; see " + logFile);
      }
      try {
        if (readiness.isReady()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      sleep(Duration.ofMillis(100));
    }
    stop();
    throw new IllegalStateException(
        name + " did not become ready within " + startupTimeout + "; see " + logFile, last);
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops gracefully (SIGTERM), then forcibly after ten seconds. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  public Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    stop();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }
}
