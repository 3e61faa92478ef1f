package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.ModelStateProperties;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;
import io.imagesearch.operator.api.ModelStatus;
import io.imagesearch.operator.migration.RedisModelStateSource;
import io.imagesearch.operator.model.EmbeddingModel;
import io.imagesearch.operator.model.ImageDefaults;
import io.imagesearch.operator.scaling.BacklogSource;
import io.imagesearch.operator.scaling.ClusterRedisTargets;
import io.imagesearch.operator.scaling.RedisBacklogSource;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change of model as the operator follows it: the workers' state is written into a real Redis
 * exactly as they write it ({@link ModelStateProperties#of}), and the operator, in-process against
 * a real API server, must roll the workers onto spec.model at once but search-api only once the
 * state says the switch happened, and report each step in the condition, the kubectl column and
 * Events.
 */
@ExtendWith(SharedServers.class)
class ModelMigrationIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String KEY = RedisBacklogSource.DEFAULT_KEY_PREFIX + ":model-state";
  private static final String NAME = "library";
  private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
  private static final ModelRef A = new ModelRef("tiny-clip-v1", 64, "/models/tiny-clip", "ONNX");
  private static final ModelRef B =
      new ModelRef("tiny-clip-b-v1", 32, "/models/tiny-clip-b", "ONNX");

  private KubernetesClient client;
  private RedisServer redis;
  private RedisClient redisClient;
  private RedisModelStateSource modelStates;
  private Operator operator;
  private String namespace;

  @BeforeEach
  void start(KubeApiServer server) throws Exception {
    // A Redis of its own: the state key must not meet other tests' data.
    redis = RedisServer.start();
    redisClient = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
    client = server.newClient();
    TestCluster.applyCrd(client);
    namespace = TestCluster.newNamespace(client, "model");
    modelStates =
        new RedisModelStateSource(
            new ClusterRedisTargets(client), RedisBacklogSource.DEFAULT_KEY_PREFIX);
    operator =
        OperatorFactory.create(
            client,
            new OperatorSettings(
                Set.of(namespace), false, "unused", null, 0, ImageDefaults.BUILT_IN),
            BacklogSource.UNKNOWN,
            modelStates,
            Clock.systemUTC(),
            false,
            Metrics.NOOP);
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.stop();
    modelStates.close();
    redisClient.shutdown();
    redis.close();
    client.close();
  }

  @Test
  void searchApiFollowsTheActiveModelWhileTheWorkersFollowSpecModel() throws Exception {
    write(ModelState.first(A));
    create(redis.host() + ":" + redis.port());
    awaitModels("models/tiny-clip", "models/tiny-clip");
    awaitCondition("False", "Serving", "tiny-clip-v1 (64-d) serves");
    assertThat(column("Model")).isEqualTo("tiny-clip-v1 (64-d)");

    // A new spec.model rolls the workers only; search-api keeps the serving model.
    String searchHash = configHash("search-api");
    edit(c -> c.getSpec().model.location = "models/tiny-clip-b");
    awaitModels("models/tiny-clip-b", "models/tiny-clip");
    awaitCondition("True", "Starting", "waiting for the workers");
    assertThat(configHash("search-api")).isEqualTo(searchHash);

    Migration walking = Migration.start(B, T0).counted(5000).advanced("images/0a", 1200);
    write(new ModelState(2, A, B, Optional.of(walking), Optional.empty()));
    awaitCondition("True", "Reindexing", "1200/5000 images (24%)");
    assertThat(column("Migration")).isEqualTo("1200/5000 (24%)");
    ModelStatus model = status().model;
    assertThat(model.target).isEqualTo("tiny-clip-b-v1 (32-d)");
    assertThat(model.done).isEqualTo(1200);
    assertThat(model.total).isEqualTo(5000);
    awaitEvent("MigrationStarted", "Normal");
    assertThat(searchModel()).isEqualTo("models/tiny-clip");

    GateResult refusal =
        new GateResult(
            false,
            "the candidate finds fewer expected images",
            T0.plusSeconds(60),
            List.of(new RecallCheck(RecallCheck.GOLDEN, 10, 20, 0.8, 0.35)));
    Migration refused =
        walking.advanced("images/ff", 3800).inPhase(Migration.Phase.EVALUATING).gated(refusal);
    write(new ModelState(3, A, B, Optional.of(refused), Optional.empty()));
    awaitCondition(
        "False", "GateRefused", "golden recall@10 over 20 queries: 0.80 serving, 0.35 candidate");
    assertThat(status().model.gate)
        .containsExactly(new ModelStatus.RecallCheckStatus("golden", 10, 20, 0.8, 0.35));
    assertThat(column("Migration")).isEqualTo("refused");
    awaitEvent("GateRefused", "Warning");
    assertThat(searchModel()).isEqualTo("models/tiny-clip");

    // The gate passed on a second walk and the workers wrote the switch: search-api follows.
    PreviousModel kept = new PreviousModel(A, T0.plusSeconds(120), T0.plusSeconds(7 * 86400));
    write(new ModelState(4, B, B, Optional.empty(), Optional.of(kept)));
    awaitModels("models/tiny-clip-b", "models/tiny-clip-b");
    awaitCondition("False", "Complete", "tiny-clip-v1 (64-d) is kept for a rollback");
    assertThat(column("Model")).isEqualTo("tiny-clip-b-v1 (32-d)");
    awaitEvent("ModelSwitched", "Normal");

    // Reverting spec.model rolls the workers back at once, search-api once the state says so.
    edit(c -> c.getSpec().model.location = "models/tiny-clip");
    awaitModels("models/tiny-clip", "models/tiny-clip-b");
    awaitCondition("True", "RollingBack", "without re-embedding");
    PreviousModel keptB = new PreviousModel(B, T0.plusSeconds(300), T0.plusSeconds(7 * 86400));
    write(new ModelState(5, A, A, Optional.empty(), Optional.of(keptB)));
    awaitModels("models/tiny-clip", "models/tiny-clip");
    awaitEvent("RolledBack", "Normal");

    // One Event per step, however many reconciliations saw it.
    assertThat(events().stream().map(Event::getReason).toList())
        .containsExactlyInAnyOrder(
            "MigrationStarted", "GateRefused", "ModelSwitched", "RolledBack");
  }

  @Test
  void anUnreachableRedisIsNamedInTheConditionAndSearchApiGetsSpecModel() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    create("127.0.0.1:" + closed);

    awaitModels("models/tiny-clip", "models/tiny-clip");
    awaitCondition(
        "Unknown", "StateUnreadable", "Redis at 127.0.0.1:" + closed + " cannot be read");
  }

  /** The cluster with its Redis external at endpoint, its Deployments created. */
  private void create(String redisEndpoint) {
    ImageSearchCluster cluster =
        new ImageSearchClusterBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).build())
            .withNewSpec()
            .withVersion("1.0.0")
            .withNewRedis()
            .withNewExternal()
            .withEndpoint(redisEndpoint)
            .endExternal()
            .endRedis()
            .endSpec()
            .build();
    client.resource(cluster).create();
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.apps().statefulSets().inNamespace(namespace).list().getItems().size() == 2);
    TestCluster.markStatefulSetsReady(client, namespace);
    await()
        .atMost(WAIT)
        .until(
            () -> client.apps().deployments().inNamespace(namespace).list().getItems().size() == 4);
  }

  private void write(ModelState state) {
    Map<String, String> fields = new HashMap<>();
    ModelStateProperties.of(state).forEach((k, v) -> fields.put((String) k, (String) v));
    try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
      connection.sync().del(KEY);
      connection.sync().hset(KEY, fields);
    }
  }

  private void awaitModels(String workers, String searchApi) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(model("worker")).isEqualTo(workers);
              assertThat(searchModel()).isEqualTo(searchApi);
            });
  }

  private String searchModel() {
    return model("search-api");
  }

  private String model(String component) {
    Deployment d = deployment(component);
    return EmbeddingModel.fromEnv(
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .map(EmbeddingModel::location)
        .orElse(null);
  }

  private String configHash(String component) {
    return deployment(component)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get("imagesearch.io/config-sha256");
  }

  private Deployment deployment(String component) {
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(NAME + "-" + component)
        .get();
  }

  private void awaitCondition(String status, String reason, String contained) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Condition c =
                  status().conditions.stream()
                      .filter(x -> "ModelMigration".equals(x.getType()))
                      .findFirst()
                      .orElseThrow();
              assertThat(c.getStatus()).isEqualTo(status);
              assertThat(c.getReason()).isEqualTo(reason);
              assertThat(c.getMessage()).contains(contained);
            });
  }

  private io.imagesearch.operator.api.ImageSearchClusterStatus status() {
    ImageSearchCluster cluster =
        client.resources(ImageSearchCluster.class).inNamespace(namespace).withName(NAME).get();
    assertThat(cluster.getStatus()).isNotNull();
    return cluster.getStatus();
  }

  private void awaitEvent(String reason, String type) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo(reason);
                          assertThat(e.getType()).isEqualTo(type);
                          assertThat(e.getInvolvedObject().getKind())
                              .isEqualTo("ImageSearchCluster");
                          assertThat(e.getInvolvedObject().getName()).isEqualTo(NAME);
                        }));
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> NAME.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** The cell of a printer column, as kubectl get isc shows it (the server's Table rendering). */
  private String column(String name) throws Exception {
    String url =
        client.getMasterUrl().toString().replaceAll("/+$", "")
            + "/apis/imagesearch.io/v1alpha1/namespaces/"
            + namespace
            + "/imagesearchclusters/"
            + NAME;
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(url)
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
            .build();
    HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get();
    assertThat(response.code()).as(response.body()).isEqualTo(200);
    JsonNode table = new ObjectMapper().readTree(response.body());
    JsonNode definitions = table.path("columnDefinitions");
    for (int i = 0; i < definitions.size(); i++) {
      if (name.equals(definitions.get(i).path("name").asText())) {
        return table.path("rows").get(0).path("cells").get(i).asText();
      }
    }
    throw new AssertionError("no column " + name + " in " + definitions);
  }

  /** Edits the cluster, retrying a 409 from the operator's concurrent status write. */
  private void edit(Consumer<ImageSearchCluster> change) {
    TestCluster.edit(client, namespace, NAME, WAIT, change);
  }
}
