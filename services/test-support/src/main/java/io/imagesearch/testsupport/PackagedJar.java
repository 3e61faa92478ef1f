package io.imagesearch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a packaged Spring Boot jar of the project as its own JVM, with the flags the launch
 * scripts use, its output appended to a log under {@code target/}. The caller owns the process.
 */
public final class PackagedJar {
  private PackagedJar() {}

  /** A started JVM and the file its output goes to. */
  public record Started(Process process, Path log) {

    /** The log so far, for assertion messages; never throws. */
    public String logText() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }
  }

  /**
   * @param maxHeap {@code -Xmx} value, or null for the JVM's default (a quarter of the machine's
   *     memory), as the README's command runs the app
   * @param logPrefix start of the log file's name
   * @param appArgs arguments for the application after {@code -jar JAR}
   */
  public static Started start(Path jar, String maxHeap, String logPrefix, List<String> appArgs) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the package phase builds it");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // As tools/run-embedded.sh: Lucene wants the Vector API; DJL, ONNX Runtime and SQLite load
    // native libraries.
    command.addAll(
        List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
    if (maxHeap != null) {
      command.add("-Xmx" + maxHeap);
    }
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(appArgs);
    try {
      Path log =
          Files.createTempFile(Files.createDirectories(Path.of("target")), logPrefix, ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new Started(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar, e);
    }
  }
}
