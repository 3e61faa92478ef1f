package io.imagesearch.queue.redis;

import io.imagesearch.core.port.TaskQueue.Delivery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.stream.MapRecord;

/** A stream entry this consumer now holds, with the delivery count of this claim. */
record ClaimedEntry(String id, long deliveries, Map<String, String> fields) {

  /** A row of {@code reclaim.lua}: id, delivery count, then field/value pairs. */
  static ClaimedEntry fromScriptRow(List<?> row) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 2; i + 1 < row.size(); i += 2) {
      fields.put(String.valueOf(row.get(i)), String.valueOf(row.get(i + 1)));
    }
    return new ClaimedEntry(String.valueOf(row.get(0)), ((Number) row.get(1)).longValue(), fields);
  }

  /** An entry read with {@code XREADGROUP >}: never delivered before, so this is delivery 1. */
  static ClaimedEntry firstDelivery(MapRecord<String, Object, Object> record) {
    Map<String, String> fields = new LinkedHashMap<>();
    record.getValue().forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
    return new ClaimedEntry(record.getId().getValue(), 1, fields);
  }

  StreamReceipt receipt() {
    return new StreamReceipt(id, deliveries);
  }

  /**
   * @throws IllegalArgumentException if the entry is not a task this version can read
   */
  Delivery toDelivery() {
    long attempt = TaskFields.priorAttempts(fields) + deliveries;
    return new Delivery(TaskFields.decode(fields), Math.toIntExact(attempt), receipt().toString());
  }
}
