package io.imagesearch.queue.redis;

import io.imagesearch.core.port.TaskQueue.Delivery;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one claim: the stream entry and its delivery count at the time of the claim. Every delivery
 * of an entry (read or reclaim) increments the count, so a worker whose claim was taken over cannot
 * retry or bury the task its new holder is working on.
 */
record StreamReceipt(String entryId, long deliveries) {

  private static final Pattern FORMAT = Pattern.compile("(\\d+-\\d+)/(\\d+)");

  static StreamReceipt of(Delivery delivery) {
    String value = delivery == null ? null : delivery.receipt();
    Matcher matcher = value == null ? null : FORMAT.matcher(value);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalArgumentException("not a receipt of the Redis task queue: " + value);
    }
    return new StreamReceipt(matcher.group(1), Long.parseLong(matcher.group(2)));
  }

  @Override
  public String toString() {
    return entryId + "/" + deliveries;
  }
}
