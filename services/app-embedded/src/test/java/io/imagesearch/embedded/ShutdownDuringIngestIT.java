package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.Http;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while the embedded app ingests, 20 times in a row on one data folder (issue 15): each
 * round starts the app (which also finishes what the round before left), uploads 40 photos in one
 * request, and sends SIGTERM once their ingest is under way. Every stop must be a clean exit (143,
 * no {@code hs_err} file), and after a last restart every accepted task must end SUCCESS on its
 * first attempt: none lost, none stuck, none left claimed to come back after the visibility
 * timeout.
 *
 * <p>Before the application closed itself on the signal, ONNX Runtime's own shutdown hook freed its
 * environment beside Spring's hook, under a forward pass: a SIGSEGV in 2 of 9 such stops.
 */
class ShutdownDuringIngestIT {

  private static final int ROUNDS = 20;
  private static final int PHOTOS_PER_ROUND = 40;

  /** The status the JVM gives for SIGTERM, which the app keeps when it exits by itself. */
  private static final int SIGTERM_EXIT = 143;

  private static final Pattern IN_HAND = Pattern.compile("with (\\d+) tasks in hand");

  /**
   * A visibility timeout far beyond the test: a claim a stop left behind would keep its task from
   * finishing within the bound below instead of being quietly taken over.
   */
  private static final String[] ARGS = {
    EmbeddedProcess.VISIBILITY_TIMEOUT + "=30m", "--imagesearch.ingest.batch-size=16"
  };

  @Test
  void sigtermDuringIngestNeverCrashesAndEveryAcceptedTaskEndsSuccess() throws IOException {
    Path dataDir = Files.createTempDirectory("embedded-shutdown-");
    List<byte[]> photos = photos(PHOTOS_PER_ROUND);
    Map<String, String> acceptedTasks = new LinkedHashMap<>();
    int roundsWithTasksInHand = 0;

    for (int round = 0; round < ROUNDS; round++) {
      try (EmbeddedProcess app = EmbeddedProcess.serve(dataDir, ARGS)) {
        roundsWithTasksInHand += stopDuringIngest(app, photos, round, acceptedTasks);
      }
    }
    assertEveryTaskEndsSuccessOnItsFirstAttempt(dataDir, acceptedTasks);
    // Otherwise the signals came between batches and proved little.
    assertThat(roundsWithTasksInHand).isGreaterThanOrEqualTo(ROUNDS / 2);
  }

  /**
   * Uploads the round's photos, sends SIGTERM while they are ingested and checks the exit; 1 if the
   * worker had tasks in hand at the signal, else 0.
   */
  private static int stopDuringIngest(
      EmbeddedProcess app, List<byte[]> photos, int round, Map<String, String> acceptedTasks) {
    HttpResponse<byte[]> upload =
        app.upload("/api/v1/images", "files", filesOfRound(photos, round));
    assertThat(upload.statusCode()).as(app.log()).isEqualTo(202);
    JsonNode batch = Http.json(upload);
    List<String> tasks = new ArrayList<>();
    batch.path("accepted").forEach(a -> tasks.add(a.path("task_id").asText()));
    assertThat(tasks).as(batch.toString()).hasSize(PHOTOS_PER_ROUND);
    tasks.forEach(task -> acceptedTasks.put(task, "round " + roundNumber(round)));

    // Under way: the round's first task is STARTED (or done); then a little later each round.
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !state(app, tasks.getFirst()).equals("PENDING"));
    sleep(Duration.ofMillis((round % 5) * 150L));
    app.terminate();

    int exit;
    try {
      exit = app.waitForExit(Duration.ofMinutes(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String log = app.log();
    assertThat(hsErrFile(app.pid())).as("the JVM wrote a crash report").doesNotExist();
    assertThat(log).doesNotContain("A fatal error has been detected");
    assertThat(exit).as("exit status of round %d:\n%s", round, log).isEqualTo(SIGTERM_EXIT);
    assertThat(log).contains("SIGTERM received: closing the application");
    return tasksInHandAtTheSignal(log) > 0 ? 1 : 0;
  }

  private static void assertEveryTaskEndsSuccessOnItsFirstAttempt(
      Path dataDir, Map<String, String> acceptedTasks) {
    try (EmbeddedProcess app = EmbeddedProcess.serve(dataDir, ARGS)) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> unfinished(app, acceptedTasks.keySet()) == 0);
      for (Map.Entry<String, String> task : acceptedTasks.entrySet()) {
        JsonNode status = json(app, "/api/v1/tasks/" + task.getKey());
        assertThat(status.path("status").asText())
            .as("%s of %s", status, task.getValue())
            .isEqualTo("SUCCESS");
        assertThat(status.path("attempts").asInt())
            .as("a stop must not count as an attempt: %s of %s", status, task.getValue())
            .isEqualTo(1);
      }
      assertThat(json(app, "/api/v1/stats").path("indexed_images").asInt())
          .isEqualTo(ROUNDS * PHOTOS_PER_ROUND);
    }
  }

  private static String state(EmbeddedProcess app, String task) {
    return json(app, "/api/v1/tasks/" + task).path("status").asText();
  }

  /** The JSON of a GET that must answer 200. */
  private static JsonNode json(EmbeddedProcess app, String path) {
    HttpResponse<byte[]> response = app.get(path);
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return Http.json(response);
  }

  /** Tasks not yet SUCCESS or FAILURE. */
  private static long unfinished(EmbeddedProcess app, Iterable<String> tasks) {
    long count = 0;
    for (String task : tasks) {
      String state = state(app, task);
      if (!state.equals("SUCCESS") && !state.equals("FAILURE")) {
        count++;
      }
    }
    return count;
  }

  /** What the worker pool had claimed when the signal stopped it, from its log line. */
  private static int tasksInHandAtTheSignal(String log) {
    Matcher matcher = IN_HAND.matcher(log);
    int last = 0;
    while (matcher.find()) {
      last = Integer.parseInt(matcher.group(1));
    }
    return last;
  }

  /** Where the JVM writes its crash report: the working directory, else the temp folder. */
  private static Path hsErrFile(long pid) {
    String name = "hs_err_pid" + pid + ".log";
    Path here = Path.of(name);
    return Files.exists(here) ? here : Path.of(System.getProperty("java.io.tmpdir"), name);
  }

  /**
   * The photos of a round: the same pixels each round, made distinct images (other bytes, so
   * another id) by a JPEG comment naming the round.
   */
  private static List<Http.FilePart> filesOfRound(List<byte[]> photos, int round) {
    List<Http.FilePart> files = new ArrayList<>();
    for (int i = 0; i < photos.size(); i++) {
      String name = "round-" + roundNumber(round) + "-photo-" + i;
      files.add(new Http.FilePart(name + ".jpg", "image/jpeg", withComment(photos.get(i), name)));
    }
    return files;
  }

  private static String roundNumber(int round) {
    return String.format("%02d", round + 1);
  }

  /** The JPEG with a COM segment after its SOI marker. */
  private static byte[] withComment(byte[] jpeg, String comment) {
    byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
    int length = text.length + 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xFE);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(text);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * Photo-sized JPEGs (1600 x 1200): decoding, thumbnailing and resizing them keeps a batch in hand
   * for a while, as a user's photos do, where the tiny model alone would finish at once.
   */
  private static List<byte[]> photos(int count) {
    Random random = new Random(15);
    List<byte[]> photos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setPaint(new GradientPaint(0, 0, randomColour(random), 1600, 1200, randomColour(random)));
      g.fillRect(0, 0, 1600, 1200);
      for (int shape = 0; shape < 12; shape++) {
        g.setColor(randomColour(random));
        g.fillOval(
            random.nextInt(1400),
            random.nextInt(1000),
            50 + random.nextInt(400),
            50 + random.nextInt(400));
      }
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        ImageIO.write(image, "jpg", out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      photos.add(out.toByteArray());
    }
    return photos;
  }

  private static Color randomColour(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
