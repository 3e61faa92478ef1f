package io.imagesearch.e2e;

import io.imagesearch.testsupport.PackagedJar;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A worker service running as its own JVM. */
final class WorkerProcess implements AutoCloseable {

  final String name;
  final int port;
  private final Process process;
  private final PackagedJar.Started started;

  WorkerProcess(String name, int port, PackagedJar.Started started) {
    this.name = name;
    this.port = port;
    this.started = started;
    this.process = started.process();
  }

  String log() {
    return started.logText();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as Kubernetes stops a pod; returns at once. */
  void terminate() {
    process.destroy();
  }

  /** The exit status, once the process has ended within {@code timeout}. */
  int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name + " did not end within " + timeout + ":\n" + log());
    }
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL, as a crashed node: no shutdown hook runs, nothing is returned to the queue. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
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
