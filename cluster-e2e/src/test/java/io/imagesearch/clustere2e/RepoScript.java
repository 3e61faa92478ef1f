package io.imagesearch.clustere2e;

import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's scripts (tools/cluster.sh, tools/images.sh) as a user would, with
 * its output in target/cluster-e2e/ so a failure can be read after the run.
 */
final class RepoScript {
  static final Path LOG_DIR = Path.of("target", "cluster-e2e").toAbsolutePath();

  private RepoScript() {}

  /** Runs {@code tools/<script> args...}; returns stdout, or throws with the log's tail. */
  static String run(String script, Duration timeout, String... args) {
    Path root = RepositoryRoot.find();
    List<String> command =
        new ArrayList<>(List.of("bash", root.resolve("tools/" + script).toString()));
    command.addAll(List.of(args));
    String logName = script.replace(".sh", "") + "-" + (args.length > 0 ? args[0] : "run");
    try {
      Files.createDirectories(LOG_DIR);
      Path out = LOG_DIR.resolve(logName + ".out");
      Path log = LOG_DIR.resolve(logName + ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        throw new IllegalStateException(
            "tools/" + script + " " + String.join(" ", args) + " took over " + timeout + tail(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "tools/"
                + script
                + " "
                + String.join(" ", args)
                + " exited with "
                + process.exitValue()
                + tail(log));
      }
      return Files.readString(out, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run tools/" + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return " (log "
        + log
        + "):\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
