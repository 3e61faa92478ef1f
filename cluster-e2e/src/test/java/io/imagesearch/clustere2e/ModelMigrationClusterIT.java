package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ModelStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * spec.model changed from the bundled tiny-clip to tiny-clip-b (another dimension) on a library of
 * at least 300 images while a client searches through the Ingress: the workers roll at once and
 * re-embed the library, the status shows the progress, search-api moves to the new model only after
 * the recall gate's switch, and not one search fails or is answered by a mix of models. Reverting
 * spec.model then rolls back to the kept index without re-embedding.
 */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(8)
class ModelMigrationClusterIT {
  private static final String MODEL_A = "models/tiny-clip";
  private static final String MODEL_B = "models/tiny-clip-b";
  private static final int LIBRARY = 300;
  private static final int MID_MIGRATION_UPLOADS = 20;
  private static final Duration MIGRATION = Duration.ofMinutes(20);

  /**
   * How many of a model's answers count as that model's: the library is random-noise images, so the
   * first few of them score within a hair of each other and the first can change when Milvus seals
   * a growing segment and searches it through HNSW instead of the interim index.
   */
  private static final int REFERENCE_ANSWERS = 50;

  private static final String REFERENCE_QUERY =
      "/api/v1/search?text=a%20blue%20square&limit=" + REFERENCE_ANSWERS;

  private DemoPlatform platform;
  private ClusterResource demo;
  private IngressGateway gateway;
  private String servingA;
  private List<String> answersOfA;
  private List<String> answersOfB;

  /**
   * The answers a search may get from one model or the other: each model's leading answers before
   * the uploads made mid-migration, or one of those uploads (written to both models' indexes).
   */
  private final Set<String> consistentAnswers = new LinkedHashSet<>();

  /** The images uploaded mid-migration, in both models' indexes. */
  private final Set<String> lateIds = new LinkedHashSet<>();

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
    this.demo = platform.resource();
    this.gateway = platform.gateway();
  }

  @Test
  @Order(1)
  void aNewSpecModelMigratesTheLibraryWhileSearchKeepsServingThenSwitches() {
    List<String> uploaded =
        Uploads.batch(gateway, SyntheticImages.batch("model-migration", LIBRARY), 25);
    Uploads.awaitAllSuccess(gateway, uploaded, Duration.ofMinutes(15));
    long library = Uploads.indexedImages(gateway);
    assertThat(library).isGreaterThanOrEqualTo(LIBRARY);
    await("the model state read")
        .atMost(Duration.ofMinutes(2))
        .until(() -> model() != null && model().active != null);
    servingA = model().active;
    answersOfA = referenceAnswers();
    assertThat(answersOfA).hasSize(REFERENCE_ANSWERS);
    assertThat(bestHit()).as("the first answer from one model").isIn(answersOfA);

    long started = System.nanoTime();
    Set<String> observed = new LinkedHashSet<>();
    List<String> lateUploads;
    try (SearchProbe probe = SearchProbe.start(gateway)) {
      platform.patch("{\"spec\":{\"model\":{\"location\":\"" + MODEL_B + "\"}}}");
      // The workers load the new model at once; search-api keeps the serving one.
      await("the workers on " + MODEL_B)
          .atMost(Duration.ofMinutes(2))
          .until(() -> MODEL_B.equals(modelOf("worker")));
      assertThat(modelOf("search-api")).isEqualTo(MODEL_A);

      await("the workers started the migration")
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> record(observed) && !"Starting".equals(migration().getReason()));
      // Uploads during the migration go to both indexes (the workers dual-write).
      lateUploads =
          Uploads.batch(gateway, SyntheticImages.batch("mid-migration", MID_MIGRATION_UPLOADS), 10);

      await("the switch to " + MODEL_B + " and search-api rolled onto it")
          .atMost(MIGRATION)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  record(observed)
                      && "Complete".equals(migration().getReason())
                      && MODEL_B.equals(modelOf("search-api"))
                      && rolledOut("search-api"));
      lateIds.addAll(Uploads.awaitAllSuccess(gateway, lateUploads, Duration.ofMinutes(5)).values());
      consistentAnswers.addAll(lateIds);
      answersOfB = referenceAnswers();
      consistentAnswers.addAll(answersOfA);
      consistentAnswers.addAll(answersOfB);
      probe.close();

      Measurements.record(
          "spec.model tiny-clip -> tiny-clip-b on " + library + " images, switched",
          Measurements.since(started));
      Measurements.record(
          "searches during the migration: succeeded / failed",
          probe.succeeded() + " / " + probe.failures().size());
      Measurements.record("ModelMigration condition as observed", String.join(" | ", observed));
      assertThat(probe.failures()).isEmpty();
      assertThat(probe.succeeded()).isGreaterThan(20);
      // Each answer came from one model: the serving model's answer, then the new one's.
      assertThat(probe.bestHits()).allMatch(consistentAnswers::contains);
    }
    assertThat(observed)
        .as("the condition showed the migration with its progress")
        .anyMatch(
            o ->
                o.matches("Reindexing: .*\\d+/\\d+ images \\(\\d+%\\).*")
                    || o.startsWith("Evaluating: "));
    ModelStatus model = model();
    assertThat(model.active).startsWith("tiny-clip-b").isNotEqualTo(servingA);
    assertThat(model.previous).isEqualTo(servingA);
    assertThat(model.searchApiModel).isEqualTo(MODEL_B);
    // Nothing missing from the new index, the uploads made during the walk included.
    assertThat(Uploads.indexedImages(gateway))
        .isGreaterThanOrEqualTo(library + MID_MIGRATION_UPLOADS);
    assertThat(column("MODEL")).isEqualTo(model.active);
    assertThat(eventReasons()).contains("MigrationStarted", "ModelSwitched");
  }

  @Test
  @Order(2)
  void revertingSpecModelRollsBackToTheKeptIndexWithoutReEmbedding() {
    assertThat(answersOfB).as("the migration ran first").isNotNull();
    Set<String> observed = new LinkedHashSet<>();
    long started = System.nanoTime();
    try (SearchProbe probe = SearchProbe.start(gateway)) {
      platform.patch("{\"spec\":{\"model\":{\"location\":null}}}");
      await("search-api back on " + MODEL_A)
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  record(observed)
                      && servingA.equals(model().active)
                      && MODEL_A.equals(modelOf("search-api"))
                      && MODEL_A.equals(modelOf("worker"))
                      && rolledOut("search-api"));
      probe.close();
      Measurements.record("spec.model reverted, rolled back", Measurements.since(started));
      assertThat(probe.failures()).isEmpty();
      assertThat(probe.bestHits()).allMatch(consistentAnswers::contains);
    }
    // A rollback never walks the library again.
    assertThat(observed).noneMatch(o -> o.startsWith("Reindexing: "));
    // The roll is complete, but a connection may still reach a terminating tiny-clip-b pod until
    // kube-proxy drops it from the Service: such an answer is one of tiny-clip-b's, never a third.
    Set<String> servingAnswers = new LinkedHashSet<>(lateIds);
    servingAnswers.addAll(answersOfA);
    List<String> seen = new ArrayList<>();
    long rolled = System.nanoTime();
    await("five answers in a row from " + MODEL_A + "'s kept index")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              seen.add(bestHit());
              return seen.size() >= 5
                  && seen.subList(seen.size() - 5, seen.size()).stream()
                      .allMatch(servingAnswers::contains);
            });
    Measurements.record(
        "after the roll, until answers come only from the kept index", Measurements.since(rolled));
    assertThat(seen)
        .as("each answer is %s's or, from a pod still terminating, %s's", MODEL_A, MODEL_B)
        .allMatch(hit -> servingAnswers.contains(hit) || answersOfB.contains(hit));
    assertThat(eventReasons()).contains("RolledBack");
    platform.awaitReady(Duration.ofMinutes(5));
  }

  /** Adds the condition's current reason and message to what was seen; always true. */
  private boolean record(Set<String> observed) {
    Condition c = migration();
    if (c != null) {
      observed.add(c.getReason() + ": " + c.getMessage());
    }
    return true;
  }

  private Condition migration() {
    return demo.condition("ModelMigration").orElse(null);
  }

  private ModelStatus model() {
    ImageSearchCluster cluster = demo.get();
    return cluster.getStatus() == null ? null : cluster.getStatus().model;
  }

  private String bestHit() {
    return SearchProbe.bestHit(answer(SearchProbe.QUERY));
  }

  /** The serving model's first answers to the probe's query, best first. */
  private List<String> referenceAnswers() {
    return SearchProbe.hits(answer(REFERENCE_QUERY));
  }

  private String answer(String query) {
    var response = gateway.get(query);
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as(body).isEqualTo(200);
    return body;
  }

  private Deployment deployment(String component) {
    return platform
        .client()
        .apps()
        .deployments()
        .inNamespace(DemoPlatform.NAMESPACE)
        .withName(DemoPlatform.NAME + "-" + component)
        .get();
  }

  /** The model location a component's pods are configured with. */
  private String modelOf(String component) {
    return deployment(component)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .getFirst()
        .getEnv()
        .stream()
        .filter(e -> e.getName().equals("IMAGESEARCH_MODEL_LOCATION"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  private boolean rolledOut(String component) {
    Deployment d = deployment(component);
    var s = d.getStatus();
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return s != null
        && d.getMetadata().getGeneration().equals(s.getObservedGeneration())
        && Integer.valueOf(replicas).equals(s.getUpdatedReplicas())
        && Integer.valueOf(replicas).equals(s.getReadyReplicas())
        && Integer.valueOf(replicas).equals(s.getReplicas());
  }

  private String column(String name) {
    String table = platform.kubectl().run("get", "isc", "-n", DemoPlatform.NAMESPACE);
    return KubectlTable.column(table, DemoPlatform.NAME, name);
  }

  private List<String> eventReasons() {
    List<String> reasons = new ArrayList<>();
    for (Event e :
        platform.client().v1().events().inNamespace(DemoPlatform.NAMESPACE).list().getItems()) {
      if ("ImageSearchCluster".equals(e.getInvolvedObject().getKind())) {
        reasons.add(e.getReason());
      }
    }
    return reasons;
  }
}
