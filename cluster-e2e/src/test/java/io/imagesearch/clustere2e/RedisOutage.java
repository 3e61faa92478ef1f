package io.imagesearch.clustere2e;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Redis down for a while, the way a crashing Redis is: its pod is killed, then every redis-server
 * the replacement pod starts is killed too (from the host, which sees the node's processes), so the
 * kubelet backs off as it does for a real crash loop. After {@link #DURATION} Redis is left alone.
 */
final class RedisOutage {
  static final Duration DURATION = Duration.ofSeconds(25);

  private final Thread killer;
  private volatile boolean stopped;

  private RedisOutage(DemoPlatform platform) {
    Pod redis = platform.pods("redis").getFirst();
    platform.client().pods().resource(redis).withGracePeriod(0).delete();
    long until = System.nanoTime() + DURATION.toNanos();
    this.killer =
        Thread.ofVirtual()
            .name("redis-outage")
            .start(
                () -> {
                  while (!stopped && System.nanoTime() < until) {
                    platform.pods("redis").forEach(RedisOutage::killRedisServerOf);
                    sleep();
                  }
                });
  }

  static RedisOutage start(DemoPlatform platform) {
    return new RedisOutage(platform);
  }

  boolean running() {
    return killer.isAlive();
  }

  void stop() {
    stopped = true;
    try {
      killer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL to each redis-server process in the pod's cgroup. */
  private static void killRedisServerOf(Pod pod) {
    String uid = pod.getMetadata().getUid();
    List<String> marks = List.of("pod" + uid, "pod" + uid.replace('-', '_'));
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> "redis-server".equals(read(p.resolve("comm"))))
          .filter(p -> marks.stream().anyMatch(read(p.resolve("cgroup"))::contains))
          .forEach(
              p ->
                  ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
                      .ifPresent(ProcessHandle::destroyForcibly));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return ""; // the process has gone
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
