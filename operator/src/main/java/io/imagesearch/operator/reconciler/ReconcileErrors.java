package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A failed reconciliation told in one line for the status: the message of each failed child, never
 * a stack trace (the workflow's aggregate exception puts every cause's stack trace in its own
 * message).
 */
final class ReconcileErrors {
  /** Long API server answers are cut: the condition is read by people, the log keeps the rest. */
  static final int MAX_MESSAGE_LENGTH = 1024;

  private ReconcileErrors() {}

  static String message(Exception error) {
    List<String> parts = new ArrayList<>();
    if (error instanceof AggregatedOperatorException aggregate) {
      new TreeMap<>(aggregate.getAggregatedExceptions())
          .forEach((child, cause) -> parts.add(child + ": " + causes(cause)));
    } else {
      parts.add(causes(error));
    }
    String message = String.join("; ", parts);
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
  }

  /** The reason of the condition: the failure's kind, as the API's CamelCase reasons are. */
  static String reason(Exception error) {
    return error instanceof AggregatedOperatorException ? "ChildrenFailed" : "ReconcileFailed";
  }

  /** The messages along the cause chain, each once (a wrapper often repeats its cause's). */
  private static String causes(Throwable error) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
      String message = text(t);
      if (messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message.strip());
      }
    }
    return String.join(": ", messages);
  }

  /**
   * The API server's own message rather than the client's, which repeats the request and Status.
   */
  private static String text(Throwable error) {
    if (error instanceof KubernetesClientException e
        && e.getStatus() != null
        && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
