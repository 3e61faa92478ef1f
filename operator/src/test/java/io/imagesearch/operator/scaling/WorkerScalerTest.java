package io.imagesearch.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imagesearch.operator.api.AutoscalingSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterBuilder;
import io.imagesearch.testsupport.RepositoryRoot;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The worker replicas the scaler asks for, from the autoscaling settings of a cluster as the
 * operator receives it: read with the client's Jackson mapping and cloned as JOSDK clones it.
 */
class WorkerScalerTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void theExamplesSettingsSizeTheWorkersOnTheBacklog() throws IOException {
    ImageSearchCluster gpu = SERIALIZATION.clone(example("gpu-workers.yaml"));

    // ceil(1000 / 200 per worker), within [1, 8].
    assertThat(scaler(1000).decide(gpu))
        .isEqualTo(new WorkerScaler.Result(5, OptionalLong.of(1000)));
    assertThat(scaler(100_000).decide(gpu).replicas()).isEqualTo(8);
  }

  @Test
  void kedaOwnsTheReplicasWhenItsModeIsSet() throws IOException {
    ImageSearchCluster keda =
        new ImageSearchClusterBuilder(SERIALIZATION.clone(example("gpu-workers.yaml")))
            .editSpec()
            .editWorker()
            .editAutoscaling()
            .withMode(AutoscalingSpec.Mode.keda)
            .endAutoscaling()
            .endWorker()
            .endSpec()
            .build();

    assertThat(scaler(1000).decide(SERIALIZATION.clone(keda)))
        .isEqualTo(new WorkerScaler.Result(null, OptionalLong.of(1000)));
  }

  @Test
  void withoutAutoscalingTheSpecsReplicasApplyAndNoBacklogIsRead() throws IOException {
    ImageSearchCluster minimal = SERIALIZATION.clone(example("minimal.yaml"));

    assertThat(scaler(1000).decide(minimal))
        .isEqualTo(new WorkerScaler.Result(1, OptionalLong.empty()));
  }

  /**
   * What the backlog poll compares: the demand right now, without the stabilisation window, so that
   * a burst is seen at once and the quiet does not wake the reconciler until it changes it.
   */
  @Test
  void theBacklogPollSeesTheDemandBeforeAnyWindowAndNothingWhereTheOperatorDoesNotScale()
      throws IOException {
    ImageSearchCluster gpu = SERIALIZATION.clone(example("gpu-workers.yaml"));
    AtomicLong backlog = new AtomicLong(1000);
    WorkerScaler scaler =
        new WorkerScaler(
            cluster -> OptionalLong.of(backlog.get()), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    assertThat(BacklogPolling.fetch(scaler, gpu)).containsExactly(new BacklogPolling.Demand(5));
    assertThat(scaler.decide(gpu).replicas()).isEqualTo(5);

    backlog.set(0);
    assertThat(scaler.decide(gpu).replicas()).as("within the window").isEqualTo(5);
    assertThat(BacklogPolling.fetch(scaler, gpu)).containsExactly(new BacklogPolling.Demand(1));
    assertThat(BacklogPolling.fetch(scaler(1000), SERIALIZATION.clone(example("minimal.yaml"))))
        .isEmpty();
    WorkerScaler unreadable =
        new WorkerScaler(BacklogSource.UNKNOWN, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    assertThat(BacklogPolling.fetch(unreadable, gpu)).isEmpty();
  }

  @Test
  void aClusterWhoseBacklogCannotBeReadLeavesTheOthersDemandsToThePoll() throws IOException {
    ImageSearchCluster readable = SERIALIZATION.clone(example("gpu-workers.yaml"));
    ImageSearchCluster broken = SERIALIZATION.clone(example("gpu-workers.yaml"));
    broken.getMetadata().setName("broken");
    WorkerScaler scaler =
        new WorkerScaler(
            cluster -> {
              if (cluster.getMetadata().getName().equals("broken")) {
                throw new IllegalStateException("the Secret with the Redis password is gone");
              }
              return OptionalLong.of(1000);
            },
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    assertThat(BacklogPolling.fetchAll(List.of(broken, readable), scaler))
        .containsExactly(
            Map.entry(ResourceID.fromResource(readable), Set.of(new BacklogPolling.Demand(5))));
  }

  private static WorkerScaler scaler(long backlog) {
    return new WorkerScaler(
        cluster -> OptionalLong.of(backlog), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  private static ImageSearchCluster example(String name) throws IOException {
    try (InputStream in =
        Files.newInputStream(RepositoryRoot.find().resolve("examples").resolve(name))) {
      ImageSearchCluster cluster = SERIALIZATION.unmarshal(in, ImageSearchCluster.class);
      cluster.getMetadata().setNamespace("ns");
      return cluster;
    }
  }
}
