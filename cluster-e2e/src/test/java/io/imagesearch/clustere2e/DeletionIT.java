package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting the cluster resource: the garbage collector removes every child; the data volumes stay
 * (deletionPolicy Retain, the default) and a re-created cluster finds its images again on them;
 * with deletionPolicy Delete the volumes go too.
 */
@ExtendWith(RealClusterExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(9)
class DeletionIT {
  private static final List<String> DATA_CLAIMS =
      List.of("data-demo-redis-0", "data-demo-milvus-0", "data-demo-minio-0");

  private DemoPlatform platform;
  private KubernetesClient client;

  @BeforeAll
  void platform(DemoPlatform platform) {
    this.platform = platform.ready();
    this.client = platform.client();
  }

  @Test
  @Order(1)
  void childrenAreCollectedAndRetainedVolumesServeTheRecreatedCluster() {
    long indexed = Uploads.indexedImages(platform.gateway());
    assertThat(indexed).isPositive();
    platform
        .kubectl()
        .run("delete", "isc", DemoPlatform.NAME, "-n", DemoPlatform.NAMESPACE, "--wait=true");
    awaitNoChildren();
    assertThat(claims()).containsExactlyInAnyOrderElementsOf(DATA_CLAIMS);

    long started = System.nanoTime();
    platform.applyMinimalExample();
    platform.exposeThroughIngress();
    platform.awaitReady(DemoPlatform.READY_WITHIN);
    Measurements.record("re-create on kept volumes to Ready", Measurements.since(started));
    IngressGateway gateway = platform.gateway();
    await("the index on the kept volume answers")
        .atMost(Duration.ofMinutes(2))
        .ignoreExceptions()
        .until(() -> Uploads.indexedImages(gateway) == indexed);
  }

  @Test
  @Order(2)
  void withDeletionPolicyDeleteTheVolumesGoToo() {
    String delete = "{\"inCluster\":{\"deletionPolicy\":\"Delete\"}}";
    platform.patch(
        "{\"spec\":{\"redis\":"
            + delete
            + ",\"milvus\":"
            + delete
            + ",\"objectStore\":"
            + delete
            + "}}");
    await("StatefulSets carry the Delete policy")
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                client
                    .apps()
                    .statefulSets()
                    .inNamespace(DemoPlatform.NAMESPACE)
                    .list()
                    .getItems()
                    .stream()
                    .allMatch(
                        s ->
                            "Delete"
                                .equals(
                                    s.getSpec()
                                        .getPersistentVolumeClaimRetentionPolicy()
                                        .getWhenDeleted())));
    platform
        .kubectl()
        .run("delete", "isc", DemoPlatform.NAME, "-n", DemoPlatform.NAMESPACE, "--wait=true");
    awaitNoChildren();
    await("the data claims are deleted")
        .atMost(Duration.ofMinutes(3))
        .until(() -> claims().isEmpty());
  }

  private void awaitNoChildren() {
    await("every child garbage-collected")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                ChildSnapshot.take(client, DemoPlatform.NAMESPACE).isEmpty()
                    && client
                        .pods()
                        .inNamespace(DemoPlatform.NAMESPACE)
                        .list()
                        .getItems()
                        .isEmpty());
  }

  private List<String> claims() {
    return client
        .persistentVolumeClaims()
        .inNamespace(DemoPlatform.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .map(PersistentVolumeClaim::getMetadata)
        .map(m -> m.getName())
        .toList();
  }
}
