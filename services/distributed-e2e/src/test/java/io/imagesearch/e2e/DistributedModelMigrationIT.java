package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.searchapi.SearchApiApplication;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.SharedServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A distributed library of more than 300 images changes model (the bundled 64-d tiny CLIP to the
 * 32-d {@code models/tiny-clip-b}) while a client searches through the search API: workers
 * configured with the new model walk it (one at a time, by the Redis lease), the walking one is
 * killed and another takes the walk up from the saved cursor, images uploaded meanwhile (some
 * through a worker that still holds only the old model) are in the new model's collection at the
 * switch, a search API configured with the new model serves them, and a rollback through the API
 * makes the old model active again.
 */
@ExtendWith(SharedServers.class)
class DistributedModelMigrationIT {

  private static final Path TO = RepositoryRoot.find().resolve("models/tiny-clip-b");
  private static final String TO_ID = "tiny-clip-b-v1";
  private static final String FROM_ID = "tiny-clip-v1";
  private static final Path RANDOM =
      RepositoryRoot.find().resolve("services/embedder/src/test/resources/hf-clip-export");

  /** Slow enough to kill the walker in the middle of the walk. */
  private static final String[] TARGET_WORKER = {
    "--imagesearch.model.location=" + TO,
    "--imagesearch.model.migration.batch-size=8",
    "--imagesearch.model.migration.max-images-per-second=20",
    "--imagesearch.model.gate.self-check-sample=100"
  };

  @Test
  void theLibraryMigratesWhileSearchedSurvivesTheWalkersDeathAndRollsBack(
      RedisServer redis, MinioServer minio) throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      // 1. A library of 340 images on the first model, ingested by a worker configured with it.
      WorkerProcess old = platform.startWorker("old");
      List<Image> library = images(0, 340);
      List<Image> during = images(340, 20);
      awaitFinal(platform, upload(platform, library));
      assertThat(indexed(platform, platform.search)).isEqualTo(library.size());

      Searches searches = new Searches(platform);
      searches.start();
      try {
        // 2. A worker configured with the new model starts the migration and walks.
        WorkerProcess walker = platform.startWorker("walker", TARGET_WORKER);
        JsonNode migration =
            awaitMigration(
                platform,
                m -> m.path("in_progress").asBoolean() && m.path("done").asLong() >= 80,
                walker);
        assertThat(migration.path("target").path("model_id").asText()).isEqualTo(TO_ID);
        assertThat(migration.path("total").asLong()).isEqualTo(library.size());

        // 3. kill -9 in the middle of the walk; another worker with the new model takes it up.
        walker.kill();
        long doneAtKill = migrationStatus(platform).path("done").asLong();
        assertThat(doneAtKill).isLessThan(library.size());
        // 4. Uploads meanwhile: the first half while only the old worker runs, so they reach the
        // old model alone (the walk passed some of their keys already: the catch-up before the gate
        // must add them); the second half while a worker writes both.
        awaitFinal(platform, upload(platform, during.subList(0, 10)));
        WorkerProcess next = platform.startWorker("next", TARGET_WORKER);
        awaitMigration(platform, m -> m.path("done").asLong() > doneAtKill, next);
        awaitFinal(platform, upload(platform, during.subList(10, during.size())));

        // 5. The gate passes and the new model is active.
        JsonNode models =
            awaitModels(
                platform, m -> m.path("active").path("model_id").asText().equals(TO_ID), next);
        assertThat(models.path("previous").path("model").path("model_id").asText())
            .isEqualTo(FROM_ID);
        double embeddedByNext = reindexed(next);
        assertThat(embeddedByNext)
            .as("the second walker resumed after %s walked images, not from the start", doneAtKill)
            .isLessThanOrEqualTo(library.size() - doneAtKill + 8 + during.size());
        searches.stop();
        assertThat(searches.failures()).as(searches.lastFailure()).isZero();
        assertThat(searches.succeeded()).isPositive();

        // 6. A search API configured with the new model serves every image, those uploaded
        // during the migration included.
        ConfigurableApplicationContext newSearch =
            platform.start(SearchApiApplication.builder(), "--imagesearch.model.location=" + TO);
        assertThat(indexed(platform, newSearch)).isEqualTo(library.size() + during.size());

        // 7. A rollback through the API: the first model is active again, nothing re-embedded.
        HttpResponse<byte[]> rolledBack =
            platform.send(
                HttpRequest.newBuilder(URI.create(platform.searchUrl("/api/v1/models/rollback")))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
        assertThat(rolledBack.statusCode()).as(new String(rolledBack.body())).isEqualTo(200);
        JsonNode after = Http.json(platform.get(platform.searchUrl("/api/v1/models")));
        assertThat(after.path("active").path("model_id").asText()).isEqualTo(FROM_ID);
        assertThat(after.path("previous").path("model").path("model_id").asText()).isEqualTo(TO_ID);
        assertThat(indexed(platform, platform.search)).isEqualTo(library.size() + during.size());
        assertThat(old.isAlive()).as(old.log()).isTrue();
      } finally {
        searches.stop();
      }
    }
  }

  /**
   * A worker configured with a model that knows nothing (random weights) walks the library, and the
   * gate refuses it with its numbers; the first model keeps serving, and a rollback cancels the
   * migration.
   */
  @Test
  void theGateRefusesAModelThatKnowsNothing(RedisServer redis, MinioServer minio) throws Exception {
    Path golden = Files.createTempFile("golden-", ".json");
    List<HeldoutSet.Example> examples = HeldoutSet.distinct(60);
    StringBuilder json = new StringBuilder("{");
    for (HeldoutSet.Example example : examples.subList(0, 30)) {
      json.append(json.length() > 1 ? "," : "")
          .append('"')
          .append(example.caption().replace("\"", ""))
          .append("\":[\"")
          .append(ImageId.of(example.bytes()).hex())
          .append("\"]");
    }
    Files.writeString(golden, json.append('}').toString());
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus).startApis()) {
      platform.startWorker("old");
      List<Image> library =
          examples.stream()
              .map(e -> new Image(e.file().getFileName().toString(), e.bytes()))
              .toList();
      awaitFinal(platform, upload(platform, library));

      WorkerProcess random =
          platform.startWorker(
              "random",
              "--imagesearch.model.location=" + RANDOM,
              "--imagesearch.model.gate.golden-queries=" + golden);
      JsonNode refused =
          awaitMigration(platform, m -> m.path("phase").asText().equals("REFUSED"), random);

      JsonNode gate = refused.path("gate");
      assertThat(gate.path("passed").asBoolean()).isFalse();
      assertThat(gate.path("reason").asText())
          .contains("hf-clip-export (8-d) refused")
          .contains(FROM_ID + " (64-d) keeps serving");
      JsonNode goldenCheck = null;
      for (JsonNode check : gate.path("checks")) {
        if (check.path("name").asText().equals("golden")) {
          goldenCheck = check;
        }
      }
      assertThat(goldenCheck).as(gate.toString()).isNotNull();
      assertThat(goldenCheck.path("candidate").asDouble())
          .isLessThan(goldenCheck.path("current").asDouble());
      JsonNode models = Http.json(platform.get(platform.searchUrl("/api/v1/models")));
      assertThat(models.path("active").path("model_id").asText()).isEqualTo(FROM_ID);
      assertThat(metrics(random)).contains("imagesearch_search_recall{").contains("hf-clip-export");

      HttpResponse<byte[]> cancelled =
          platform.send(
              HttpRequest.newBuilder(URI.create(platform.searchUrl("/api/v1/models/rollback")))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(cancelled.statusCode()).as(new String(cancelled.body())).isEqualTo(200);
      assertThat(migrationStatus(platform).path("in_progress").asBoolean()).isFalse();
    } finally {
      Files.deleteIfExists(golden);
    }
  }

  /** An image of the held-out set, mirrored for the second hundred: another image, another id. */
  record Image(String name, byte[] bytes) {}

  static List<Image> images(int from, int count) {
    List<HeldoutSet.Example> all = HeldoutSet.all();
    List<Image> images = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      HeldoutSet.Example example = all.get(i % all.size());
      int variant = i / all.size();
      images.add(
          new Image(
              variant + "-" + example.file().getFileName(), variant(example.bytes(), variant)));
    }
    return images;
  }

  private static byte[] variant(byte[] png, int variant) {
    if (variant == 0) {
      return png;
    }
    try {
      BufferedImage in = ImageIO.read(new java.io.ByteArrayInputStream(png));
      BufferedImage out =
          new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < in.getHeight(); y++) {
        for (int x = 0; x < in.getWidth(); x++) {
          int source = variant % 2 == 1 ? in.getWidth() - 1 - x : x;
          out.setRGB(x, y, in.getRGB(source, y));
        }
      }
      // The last variants differ from the mirrored ones by one pixel.
      out.setRGB(0, 0, variant);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(out, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> upload(Platform platform, List<Image> images) {
    List<String> tasks = new ArrayList<>();
    for (Image image : images) {
      HttpResponse<byte[]> response = Uploads.post(platform, image.name(), image.bytes());
      assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
      tasks.add(Http.json(response).path("task_id").asText());
    }
    return tasks;
  }

  private static void awaitFinal(Platform platform, List<String> tasks) {
    Uploads.awaitAllFinal(platform, tasks, Duration.ofMinutes(6));
    for (String task : tasks) {
      assertThat(Uploads.status(platform, task).path("status").asText()).isEqualTo("SUCCESS");
    }
  }

  private static long indexed(Platform platform, ConfigurableApplicationContext search) {
    return Http.json(platform.get("http://127.0.0.1:" + Platform.port(search) + "/api/v1/stats"))
        .path("indexed_images")
        .asLong();
  }

  private static JsonNode migrationStatus(Platform platform) {
    return Http.json(platform.get(platform.searchUrl("/api/v1/models/migration")));
  }

  private static JsonNode awaitMigration(
      Platform platform, Predicate<JsonNode> condition, WorkerProcess worker) {
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .failFast(() -> !worker.isAlive())
        .until(
            () -> {
              seen.set(migrationStatus(platform));
              return condition.test(seen.get());
            });
    return seen.get();
  }

  private static JsonNode awaitModels(
      Platform platform, Predicate<JsonNode> condition, WorkerProcess worker) {
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    try {
      await()
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                seen.set(Http.json(platform.get(platform.searchUrl("/api/v1/models"))));
                return condition.test(seen.get());
              });
    } catch (RuntimeException e) {
      throw new AssertionError(seen.get() + "\n" + worker.log(), e);
    }
    return seen.get();
  }

  /** The images a worker's walks embedded, from its Prometheus metrics. */
  private static double reindexed(WorkerProcess worker) {
    return metrics(worker)
        .lines()
        .filter(l -> l.startsWith("imagesearch_reindex_images_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static String metrics(WorkerProcess worker) {
    return new String(
        Http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + worker.port + "/actuator/prometheus"))
                    .build())
            .body(),
        StandardCharsets.UTF_8);
  }

  /** A client searching all along, counting answers that are not 200. */
  static final class Searches {
    private final Platform platform;
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");
    private volatile boolean running;
    private Thread thread;

    Searches(Platform platform) {
      this.platform = platform;
    }

    void start() {
      running = true;
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    String[] queries = {"a red circle", "two blue squares", "a yellow triangle"};
                    int i = 0;
                    while (running) {
                      String q = URLEncoder.encode(queries[i++ % 3], StandardCharsets.UTF_8);
                      try {
                        HttpResponse<byte[]> response =
                            platform.get(platform.searchUrl("/api/v1/search?text=" + q));
                        if (response.statusCode() == 200) {
                          succeeded.incrementAndGet();
                        } else {
                          failures.incrementAndGet();
                          lastFailure.set(new String(response.body(), StandardCharsets.UTF_8));
                        }
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        return;
                      } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        lastFailure.set(e.toString());
                      }
                    }
                  });
    }

    void stop() throws InterruptedException {
      running = false;
      if (thread != null) {
        thread.join();
      }
    }

    int failures() {
      return failures.get();
    }

    int succeeded() {
      return succeeded.get();
    }

    String lastFailure() {
      return lastFailure.get();
    }
  }
}
