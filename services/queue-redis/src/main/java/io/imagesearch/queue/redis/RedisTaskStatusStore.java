package io.imagesearch.queue.redis;

import io.imagesearch.core.port.TaskStatusStore;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.core.task.TaskStatus;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * The distributed {@link TaskStatusStore}: one hash per task that expires {@link
 * RedisQueueConfig#statusTtl()} after its last update, and a sorted set of task ids scored by
 * update time (epoch millis) for {@link #recent}. Ids whose hash expired are pruned from the set
 * lazily, by puts and by {@link #recent}. Recency is the status's own update time to the
 * nanosecond; equal times are ordered by task id. Thread-safe.
 */
public final class RedisTaskStatusStore implements TaskStatusStore {

  private static final System.Logger LOG = System.getLogger(RedisTaskStatusStore.class.getName());

  private static final Comparator<TaskStatus> MOST_RECENT_FIRST =
      Comparator.comparing(TaskStatus::updatedAt)
          .reversed()
          .thenComparing(status -> status.taskId().value());

  private final StringRedisTemplate redis;
  private final RedisQueueConfig config;
  private final RedisKeys keys;

  public RedisTaskStatusStore(StringRedisTemplate redis, RedisQueueConfig config) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.config = Objects.requireNonNull(config, "config");
    this.keys = config.keys();
  }

  @Override
  public void put(TaskStatus status) {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(status.taskId(), "status.taskId");
    Objects.requireNonNull(status.state(), "status.state");
    Objects.requireNonNull(status.updatedAt(), "status.updatedAt");
    List<String> args = new ArrayList<>();
    args.add(Long.toString(config.statusTtl().toMillis()));
    args.add(Long.toString(status.updatedAt().toEpochMilli()));
    args.add(status.taskId().value());
    args.add(keys.statusPrefix());
    StatusFields.encode(status)
        .forEach(
            (field, value) -> {
              args.add(field);
              args.add(value);
            });
    redis.execute(
        LuaScripts.PUT_STATUS,
        List.of(keys.status(status.taskId()), keys.recentStatuses()),
        args.toArray());
  }

  @Override
  public Optional<TaskStatus> get(TaskId id) {
    Objects.requireNonNull(id, "id");
    Map<Object, Object> fields = redis.opsForHash().entries(keys.status(id));
    return decode(id.value(), fields);
  }

  /**
   * The set is scored in millis, so statuses within one millisecond of the cut-off are all read and
   * ordered by their exact time before the list is cut to {@code limit}.
   */
  @Override
  public List<TaskStatus> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be zero or positive, got " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    List<TaskStatus> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long start = 0;
    Double cutoff = null;
    while (cutoff == null) {
      Set<TypedTuple<String>> page =
          redis.opsForZSet().reverseRangeWithScores(keys.recentStatuses(), start, start + limit);
      if (page == null || page.isEmpty()) {
        break;
      }
      Map<String, Optional<TaskStatus>> loaded = load(ids(page));
      int pruned = 0;
      for (TypedTuple<String> tuple : page) {
        Optional<TaskStatus> status = loaded.get(tuple.getValue());
        seen.add(tuple.getValue());
        if (status.isEmpty()) {
          redis.opsForZSet().remove(keys.recentStatuses(), tuple.getValue());
          pruned++;
        } else if (found.add(status.get()) && found.size() == limit) {
          cutoff = tuple.getScore();
        }
      }
      start += page.size() - pruned;
    }
    if (cutoff != null) {
      // Same millisecond as the last one kept, but possibly later to the nanosecond.
      Set<String> ties = redis.opsForZSet().rangeByScore(keys.recentStatuses(), cutoff, cutoff);
      List<String> unseen = ties == null ? List.of() : ties.stream().filter(seen::add).toList();
      load(unseen).values().forEach(status -> status.ifPresent(found::add));
    }
    found.sort(MOST_RECENT_FIRST);
    return List.copyOf(found.subList(0, Math.min(limit, found.size())));
  }

  /** The statuses of {@code ids} in one round trip; empty where the hash has expired. */
  private Map<String, Optional<TaskStatus>> load(List<String> ids) {
    List<Object> replies =
        redis.executePipelined(
            (RedisCallback<Object>)
                connection -> {
                  ids.forEach(
                      id ->
                          connection
                              .hashCommands()
                              .hGetAll(
                                  redis.getStringSerializer().serialize(keys.statusPrefix() + id)));
                  return null;
                });
    Map<String, Optional<TaskStatus>> statuses = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> fields = (Map<Object, Object>) replies.get(i);
      statuses.put(ids.get(i), decode(ids.get(i), fields));
    }
    return statuses;
  }

  private static List<String> ids(Set<TypedTuple<String>> page) {
    return page.stream().map(TypedTuple::getValue).toList();
  }

  /** An unreadable status is logged and treated as absent rather than failing every listing. */
  private static Optional<TaskStatus> decode(String id, Map<Object, Object> fields) {
    if (fields == null || fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> strings = new LinkedHashMap<>();
    fields.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
    try {
      return Optional.of(StatusFields.decode(strings));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "status of task {0} is unreadable: {1}", id, e.getMessage());
      return Optional.empty();
    }
  }
}
