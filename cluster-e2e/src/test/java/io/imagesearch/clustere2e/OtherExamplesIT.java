package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The examples that cannot become Ready on this node, applied as they are (the version set to this
 * build's tag): each says why in its status instead of looking fine.
 */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(10)
class OtherExamplesIT {
  private DemoPlatform platform;

  @BeforeAll
  void operator(DemoPlatform platform) {
    this.platform = platform;
    if (!platform.operatorInstalled()) {
      platform.installOperator();
    }
  }

  @Test
  void externalDependenciesWithoutTheirSecretsNameTheMissingSecrets() {
    ClusterResource prod = apply("examples/external-dependencies.yaml", "prod-example", "prod");
    try {
      prod.awaitDegraded("imagesearch-redis", Duration.ofMinutes(2));
      assertThat(prod.is("Ready", "False")).isTrue();
    } finally {
      remove(prod);
    }
  }

  @Test
  void gpuWorkersOnANodeWithoutAGpuSayWhyTheyDoNotRun() {
    ClusterResource gpu = apply("examples/gpu-workers.yaml", "gpu-example", "gpu");
    try {
      // The worker asks for the nvidia RuntimeClass and a GPU node (selector, nvidia.com/gpu):
      // here the API server refuses its pods, on a cluster with the class the scheduler would.
      gpu.awaitDegraded(
          "worker: (cannot create pods, FailedCreate .*RuntimeClass|pod \\S+ Unschedulable)",
          Duration.ofMinutes(6));
      assertThat(gpu.is("Ready", "False")).isTrue();
    } finally {
      remove(gpu);
    }
  }

  private ClusterResource apply(String example, String namespace, String name) {
    Namespaces.createRestricted(platform.client(), namespace);
    platform.kubectl().apply(namespace, Examples.withVersion(example, BuiltImages.tag()));
    return new ClusterResource(platform.client(), namespace, name);
  }

  /** The example's namespace with everything in it, volumes included. */
  private void remove(ClusterResource cluster) {
    platform.client().namespaces().withName(cluster.namespace()).delete();
    await(cluster.namespace() + " deleted")
        .atMost(Duration.ofMinutes(3))
        .until(() -> platform.client().namespaces().withName(cluster.namespace()).get() == null);
  }
}
