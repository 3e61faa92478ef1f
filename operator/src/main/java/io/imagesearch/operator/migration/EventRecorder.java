package io.imagesearch.operator.migration;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link MigrationEvent}s as core/v1 Events on the cluster resource ({@code kubectl describe
 * isc} lists them). The name derives from the step, so a reconciliation retried after its status
 * write failed re-sends the same Event and the API server refuses the copy. Best effort: an Event
 * that cannot be written is logged, never fails the reconciliation.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final String COMPONENT = "imagesearch-operator";
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param step what identifies this occurrence of the step (the statuses it lies between)
   */
  public void record(ImageSearchCluster cluster, MigrationEvent event, String step, Instant now) {
    String namespace = cluster.getMetadata().getNamespace();
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    Event written =
        new EventBuilder()
            .withNewMetadata()
            .withName(name(cluster, event, step))
            .withNamespace(namespace)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(cluster.getApiVersion())
            .withKind(cluster.getKind())
            .withName(cluster.getMetadata().getName())
            .withNamespace(namespace)
            .withUid(cluster.getMetadata().getUid())
            .endInvolvedObject()
            .withReason(event.reason())
            .withMessage(
                event.message().length() > MAX_MESSAGE
                    ? event.message().substring(0, MAX_MESSAGE)
                    : event.message())
            .withType(event.warning() ? "Warning" : "Normal")
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withFirstTimestamp(time)
            .withLastTimestamp(time)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(written).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        LOG.warn(
            "Event {} of {} not written: {}",
            event.reason(),
            cluster.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  /** {@code <cluster>.<reason>.<16 hex of the step>}: a valid name, the same for a retry. */
  static String name(ImageSearchCluster cluster, MigrationEvent event, String step) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (cluster.getMetadata().getUid() + "\n" + event.reason() + "\n" + step)
                      .getBytes(StandardCharsets.UTF_8));
      return cluster.getMetadata().getName()
          + "."
          + event.reason().toLowerCase(java.util.Locale.ROOT)
          + "."
          + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
