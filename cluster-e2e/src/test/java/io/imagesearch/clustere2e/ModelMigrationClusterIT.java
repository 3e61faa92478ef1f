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

  private DemoPlatform platform;
  private ClusterResource demo;
  private IngressGateway gateway;
  private String servingA;
  private String bestHitA;
  private String bestHitB;

  /**
   * The answers a search may get from one model or the other: each model's best hit before the
   * uploads made mid-migration, or one of those uploads (written to both models' indexes).
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
    bestHitA = bestHit();
    assertThat(bestHit()).as("the same answer twice from one model").isEqualTo(bestHitA);

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
      bestHitB = bestHit();
      consistentAnswers.add(bestHitA);
      consistentAnswers.add(bestHitB);
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
    assertThat(bestHitA).as("the migration ran first").isNotNull();
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
    Set<String> answersOfA = new LinkedHashSet<>(lateIds);
    answersOfA.add(bestHitA);
    assertThat(bestHit()).as("the serving model's answers at once").isIn(answersOfA);
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
    var response = gateway.get(SearchProbe.QUERY);
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as(body).isEqualTo(200);
    return SearchProbe.bestHit(body);
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
