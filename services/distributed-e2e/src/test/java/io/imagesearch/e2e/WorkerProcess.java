package io.imagesearch.e2e;

import io.imagesearch.testsupport.PackagedJar;
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
