package io.imagesearch.core.task;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one accepted upload's processing. Random, so retries of an upload are distinct. */
public record TaskId(String value) {

  private static final Pattern FORMAT =
      Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  public TaskId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a task id is a lowercase UUID, got: " + value);
    }
  }

  public static TaskId random() {
    return new TaskId(UUID.randomUUID().toString());
  }

  public static Optional<TaskId> parse(String candidate) {
    return candidate != null && FORMAT.matcher(candidate).matches()
        ? Optional.of(new TaskId(candidate))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
