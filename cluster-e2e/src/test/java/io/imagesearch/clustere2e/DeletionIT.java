package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
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
    // Images of its own, so that the scenario also runs alone on a fresh platform.
    IngressGateway before = platform.gateway();
    List<String> uploads = Uploads.batch(before, SyntheticImages.batch("deletion", 5), 5);
    var ownImages = Uploads.awaitAllSuccess(before, uploads, Duration.ofMinutes(3)).values();
    Set<String> library = Uploads.libraryIds(before);
    assertThat(library).containsAll(ownImages);
    Measurements.record(
        "library before the deletion: listed / counted",
        library.size() + " / " + Uploads.indexedImages(before));
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
    AtomicReference<String> seen = new AtomicReference<>("no answer yet");
    try {
      await("the library on the kept volumes lists every image it had")
          .atMost(Duration.ofMinutes(2))
          .until(() -> library.equals(Uploads.libraryIdsOrNone(gateway, seen)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the re-created cluster should list the "
              + library.size()
              + " images of the library before the deletion; last answer: "
              + seen.get()
              + PlatformReport.of(platform, List.of("search-api", "milvus")),
          e);
    }
    Measurements.record(
        "re-create on kept volumes to every image listed", Measurements.since(started));
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
