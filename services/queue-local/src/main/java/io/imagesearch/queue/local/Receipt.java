package io.imagesearch.queue.local;

import io.imagesearch.core.port.TaskQueue.Delivery;
import java.util.UUID;

/**
 * Names one claim: the task's row ({@code seq}, never reused) and a token that is new for every
 * claim, so a worker whose claim expired cannot reschedule a task another worker now holds.
 */
record Receipt(long seq, String token) {

  static Receipt newClaim(long seq) {
    return new Receipt(seq, UUID.randomUUID().toString());
  }

  static Receipt of(Delivery delivery) {
    String value = delivery.receipt();
    int dot = value == null ? -1 : value.indexOf('.');
    try {
      if (dot > 0) {
        return new Receipt(Long.parseLong(value.substring(0, dot)), value.substring(dot + 1));
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException("not a receipt of the local task queue: " + value);
  }

  @Override
  public String toString() {
    return seq + "." + token;
  }
}
