package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagesearch.testsupport.Http;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Changing the model of an embedded library of more than 300 images, with two real models of
 * different dimensions, as a user does it: by restarting with another model location.
 *
 * <p>The models: the bundled 64-d tiny CLIP, the second trained tiny model ({@code
 * models/tiny-clip-b}, 32-d, better held-out recall) and the random-weights 8-d transformers export
 * (a model that knows nothing). From the first to the second is a change between two real models of
 * different dimensions, which the recall gate must accept; from the bundled model to the random one
 * it must refuse.
 */
class ModelMigrationIT {

  private static final Path RANDOM =
      EmbeddedProcess.REPO.resolve("services/embedder/src/test/resources/hf-clip-export");
  private static final Path FROM = EmbeddedProcess.TINY_CLIP;
  private static final int FROM_DIMENSION = 64;
  private static final Path TO = EmbeddedProcess.REPO.resolve("models/tiny-clip-b");
  private static final String TO_ID = "tiny-clip-b-v1";

  /** The refusal runs from the bundled model to the random one. */
  private static final Path TINY = EmbeddedProcess.TINY_CLIP;

  private static final String TINY_ID = "tiny-clip-v1";

  /** Slow enough that the test can watch, crash and upload in the middle of the walk. */
  private static final String[] PACED = {
    "--imagesearch.model.migration.batch-size=8",
    "--imagesearch.model.migration.max-images-per-second=25"
  };

  private static final List<String> QUERIES =
      List.of(
          "two small red squares on a gray background",
          "one large green circle at the top on a black background",
          "three large blue crosses on a black background",
          "a yellow triangle");

  @Test
  void aLibraryMigratesToABetterModelWhileSearchedResumesAfterACrashAndRollsBackInOneCall()
      throws Exception {
    Path dataDir = Files.createTempDirectory("embedded-migration-");
    List<CaptionedLibrary.Image> library = CaptionedLibrary.images(120, 0);
    List<CaptionedLibrary.Image> during = CaptionedLibrary.images(20, 1);
    assertThat(library).hasSizeGreaterThanOrEqualTo(300);
    CaptionedLibrary.writeGolden(
        dataDir.resolve("golden-queries.json"), CaptionedLibrary.golden(library, 40));
    Set<String> uploadedDuring = new HashSet<>();
    during.forEach(i -> uploadedDuring.add(i.id().hex()));

    // 1. A library on the first model, and what it answers.
    Map<String, Map<String, Double>> before;
    try (EmbeddedProcess app = EmbeddedProcess.serveModel(dataDir, FROM)) {
      uploadAll(app, library);
      awaitIndexed(app, library.size());
      before = scores(app);
    }

    // 2. Restart on the second model: the migration starts, the first model keeps serving.
    Searches searches = new Searches();
    long doneAtCrash;
    EmbeddedProcess first = EmbeddedProcess.serveModel(dataDir, TO, PACED);
    try {
      searches.start(first);
      JsonNode migration =
          awaitMigration(
              first,
              m -> m.path("done").asLong() >= 96 && m.path("phase").asText().equals("REINDEXING"));
      assertThat(migration.path("target").path("model_id").asText()).isEqualTo(TO_ID);
      assertThat(migration.path("total").asLong()).isEqualTo(library.size());
      doneAtCrash = first.getJson("/api/v1/models/migration").path("done").asLong();
      searches.stop();
      // 3. A crash in the middle of the walk.
      first.kill();
    } finally {
      first.close();
    }
    assertThat(doneAtCrash).isLessThan(library.size());

    // 4. The same start again: the walk resumes where its last saved batch ended.
    try (EmbeddedProcess second = EmbeddedProcess.serveModel(dataDir, TO, PACED)) {
      searches.start(second);
      JsonNode resumed = second.getJson("/api/v1/models/migration");
      assertThat(resumed.path("in_progress").asBoolean()).isTrue();
      assertThat(resumed.path("resumed_from").asLong()).isGreaterThanOrEqualTo(doneAtCrash);
      long resumedFrom = resumed.path("resumed_from").asLong();

      // 5. Uploads while it migrates reach both models.
      HttpResponse<byte[]> accepted =
          second.upload(
              "/api/v1/images",
              "files",
              during.stream().map(CaptionedLibrary.Image::part).toList());
      assertThat(accepted.statusCode()).as(new String(accepted.body())).isEqualTo(202);

      // 6. The gate passes and the new model serves.
      JsonNode models = awaitSwitch(second);
      searches.stop();
      assertThat(models.path("previous").path("model").path("dimension").asInt())
          .as("the first model, kept for a rollback")
          .isEqualTo(FROM_DIMENSION);
      JsonNode gate = models.path("last_switch");
      assertThat(gate.path("passed").asBoolean()).as(gate.toString()).isTrue();
      JsonNode golden = check(gate, "golden");
      // Both trained models find the 40 captions' images in their top 10; the gate asks no less.
      assertThat(golden.path("candidate").asDouble())
          .isGreaterThanOrEqualTo(golden.path("current").asDouble())
          .isGreaterThanOrEqualTo(0.9);

      awaitIndexed(second, library.size() + during.size());
      for (CaptionedLibrary.Image image : during) {
        assertThat(second.get("/api/v1/images/" + image.id().hex()).statusCode())
            .as("uploaded during the migration, in the new model's index")
            .isEqualTo(200);
      }
      double walkedHere =
          second
              .getJson("/actuator/metrics/imagesearch.reindex.images")
              .path("measurements")
              .path(0)
              .path("value")
              .asDouble();
      assertThat(walkedHere)
          .as("images the resumed walk embedded: what was left, not the whole library again")
          .isLessThanOrEqualTo(library.size() + during.size() - resumedFrom)
          .isLessThan(library.size());
      JsonNode recall = second.getJson("/actuator/metrics/imagesearch.search.recall");
      assertThat(recall.path("availableTags").toString()).contains(TO_ID).contains("golden");

      Map<String, Map<String, Double>> after = scores(second);
      searches.assertConsistent(before, after, uploadedDuring);

      // 7. Rollback: the first model answers again at once, with its own scores.
      HttpResponse<byte[]> rolledBack = second.post("/api/v1/models/rollback");
      assertThat(rolledBack.statusCode()).as(new String(rolledBack.body())).isEqualTo(200);
      assertThat(Http.json(rolledBack).path("active").path("dimension").asInt())
          .isEqualTo(FROM_DIMENSION);
      for (String query : QUERIES) {
        List<Hit> hits = search(second, query);
        assertThat(hits).isNotEmpty();
        assertThat(consistent(hits, before.get(query), uploadedDuring))
            .as("after the rollback, %s is answered by the first model: %s", query, hits)
            .isTrue();
      }
    }
  }

  @Test
  void theGateRefusesAModelThatKnowsNothingAndTheOldModelKeepsServing() throws Exception {
    Path dataDir = Files.createTempDirectory("embedded-refusal-");
    List<CaptionedLibrary.Image> library = CaptionedLibrary.images(0, 0).subList(0, 120);
    CaptionedLibrary.writeGolden(
        dataDir.resolve("golden-queries.json"), CaptionedLibrary.golden(library, 30));
    Map<String, Map<String, Double>> before;
    try (EmbeddedProcess app = EmbeddedProcess.serveModel(dataDir, TINY)) {
      HttpResponse<byte[]> nothing = app.post("/api/v1/models/rollback");
      assertThat(nothing.statusCode()).isEqualTo(409);
      assertThat(nothing.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(Http.json(nothing).path("detail").asText()).startsWith("nothing to roll back");
      uploadAll(app, library);
      awaitIndexed(app, library.size());
      before = scores(app);
    }

    try (EmbeddedProcess app = EmbeddedProcess.serveModel(dataDir, RANDOM)) {
      JsonNode refused = awaitMigration(app, m -> m.path("phase").asText().equals("REFUSED"));

      JsonNode gate = refused.path("gate");
      assertThat(gate.path("passed").asBoolean()).isFalse();
      assertThat(gate.path("reason").asText())
          .contains("hf-clip-export (8-d) refused")
          .contains(TINY_ID + " (64-d) keeps serving")
          .contains("golden recall@10");
      JsonNode golden = check(gate, "golden");
      assertThat(golden.path("candidate").asDouble()).isLessThan(golden.path("current").asDouble());
      JsonNode models = app.getJson("/api/v1/models");
      assertThat(models.path("active").path("model_id").asText()).isEqualTo(TINY_ID);
      for (String query : QUERIES) {
        assertThat(consistent(search(app, query), before.get(query), Set.of())).isTrue();
      }
      JsonNode recall = app.getJson("/actuator/metrics/imagesearch.search.recall");
      assertThat(recall.path("availableTags").toString())
          .contains(TINY_ID)
          .contains("hf-clip-export");
      assertThat(app.log()).contains("Migration to hf-clip-export (8-d) refused");
    }
  }

  // --- the client's side ---

  private record Hit(String id, double score) {}

  /** One answer to a search during the migration, or why there was none. */
  private record Observation(String query, int status, List<Hit> hits, String error) {}

  /** A client that searches without pause while the app migrates. */
  private static final class Searches {
    private final List<Observation> observations = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    void start(EmbeddedProcess app) {
      running.set(true);
      thread =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; running.get(); i++) {
                      String query = QUERIES.get(i % QUERIES.size());
                      try {
                        HttpResponse<byte[]> r = app.get(searchPath(query, 10));
                        observations.add(
                            new Observation(
                                query,
                                r.statusCode(),
                                r.statusCode() == 200 ? hits(Http.json(r)) : List.of(),
                                r.statusCode() == 200 ? null : new String(r.body())));
                      } catch (RuntimeException e) {
                        observations.add(new Observation(query, 0, List.of(), e.toString()));
                      }
                    }
                  });
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    /**
     * No search failed, and each answer comes whole from one model: every hit has the score the
     * first model gave it before the migration (or is an image uploaded since), or every hit has
     * the score the second gave it after; once the second answers, the first never does again.
     */
    void assertConsistent(
        Map<String, Map<String, Double>> first,
        Map<String, Map<String, Double>> second,
        Set<String> uploadedDuring) {
      assertThat(observations).hasSizeGreaterThan(50);
      assertThat(observations)
          .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(200));
      boolean switched = false;
      int byFirst = 0;
      int bySecond = 0;
      for (Observation o : observations) {
        boolean fromFirst = consistent(o.hits(), first.get(o.query()), uploadedDuring);
        boolean fromSecond = consistent(o.hits(), second.get(o.query()), Set.of());
        assertThat(fromFirst || fromSecond).as("an answer from one model: %s", o).isTrue();
        if (fromSecond && !fromFirst) {
          switched = true;
          bySecond++;
        } else {
          assertThat(switched)
              .as("the first model answered again after the switch: %s", o)
              .isFalse();
          byFirst++;
        }
      }
      assertThat(byFirst).as("answers by the first model during the migration").isPositive();
      assertThat(bySecond + byFirst).isEqualTo(observations.size());
    }
  }

  private static boolean consistent(List<Hit> hits, Map<String, Double> scores, Set<String> extra) {
    for (Hit hit : hits) {
      Double known = scores.get(hit.id());
      boolean ok = known != null ? Math.abs(known - hit.score()) < 1e-4 : extra.contains(hit.id());
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String searchPath(String query, int limit) {
    return "/api/v1/search?limit="
        + limit
        + "&text="
        + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private static List<Hit> search(EmbeddedProcess app, String query) {
    return hits(app.getJson(searchPath(query, 10)));
  }

  private static List<Hit> hits(JsonNode response) {
    List<Hit> hits = new ArrayList<>();
    for (JsonNode r : response.path("results")) {
      hits.add(new Hit(r.path("image").path("id").asText(), r.path("score").asDouble()));
    }
    return hits;
  }

  /** Each query's 100 best images with their scores, as the serving model ranks them. */
  private static Map<String, Map<String, Double>> scores(EmbeddedProcess app) {
    Map<String, Map<String, Double>> scores = new HashMap<>();
    for (String query : QUERIES) {
      Map<String, Double> byId = new HashMap<>();
      hits(app.getJson(searchPath(query, 100))).forEach(h -> byId.put(h.id(), h.score()));
      scores.put(query, byId);
    }
    return scores;
  }

  private static JsonNode check(JsonNode gate, String name) {
    for (JsonNode check : gate.path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no " + name + " check in " + gate);
  }

  // --- the app's side ---

  private static void uploadAll(EmbeddedProcess app, List<CaptionedLibrary.Image> images) {
    for (int from = 0; from < images.size(); from += 50) {
      List<Http.FilePart> parts =
          images.subList(from, Math.min(images.size(), from + 50)).stream()
              .map(CaptionedLibrary.Image::part)
              .toList();
      HttpResponse<byte[]> r = app.upload("/api/v1/images", "files", parts);
      assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(202);
    }
  }

  private static void awaitIndexed(EmbeddedProcess app, int images) {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> app.getJson("/api/v1/stats").path("indexed_images").asLong() >= images);
  }

  /** The migration's status once it is in progress and meets {@code condition}. */
  private static JsonNode awaitMigration(EmbeddedProcess app, Predicate<JsonNode> condition) {
    return awaitJson(
        app,
        "/api/v1/models/migration",
        m -> m.path("in_progress").asBoolean() && condition.test(m));
  }

  /** The models once the new one serves; a refusal fails at once. */
  private static JsonNode awaitSwitch(EmbeddedProcess app) {
    return awaitJson(
        app,
        "/api/v1/models",
        m -> {
          assertThat(m.path("migration").path("phase").asText()).isNotEqualTo("REFUSED");
          return m.path("active").path("model_id").asText().equals(TO_ID);
        });
  }

  private static JsonNode awaitJson(EmbeddedProcess app, String path, Predicate<JsonNode> done) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> done.test(last[0] = app.getJson(path)));
    return last[0];
  }
}
