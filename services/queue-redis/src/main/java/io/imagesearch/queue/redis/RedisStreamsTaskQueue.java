package io.imagesearch.queue.redis;

import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.time.SaturatingTime;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The distributed {@link TaskQueue} on a Redis Streams consumer group (key layout in {@link
 * RedisKeys}). At-least-once: a task stays in the stream, and claimed in the group's pending list,
 * until a worker acknowledges, retries or dead-letters it; claims idle longer than the visibility
 * timeout are taken over by the next poll of any worker ({@code XAUTOCLAIM}).
 *
 * <p>Attempts: a delivery's attempt is the entry's delivery count plus the deliveries made before
 * it was last (re-)added, kept in the entry across retries. Retries wait in a sorted set scored by
 * their due time (wall clock, epoch millis) and are moved back to the end of the stream by polls.
 *
 * <p>The backlog is exactly {@code XLEN(tasks) + ZCARD(delayed)}: acknowledging, retrying,
 * releasing and dead-lettering delete the entry from the stream in the same atomic step (a release
 * adds it again as a new entry), so the stream holds only tasks not yet delivered and tasks claimed
 * but unfinished.
 *
 * <p>Thread-safe and safe with any number of worker processes: every multi-key step is one Lua
 * script. Errors of Redis surface as Spring {@code DataAccessException}s.
 */
public final class RedisStreamsTaskQueue implements TaskQueue {

  private static final System.Logger LOG = System.getLogger(RedisStreamsTaskQueue.class.getName());

  /** Blocking reads are cut into slices so due retries and expired claims are noticed meanwhile. */
  private static final long MAX_BLOCK_MILLIS = 1000;

  private static final int PROMOTE_BATCH = 100;

  private final StringRedisTemplate redis;
  private final RedisQueueConfig config;
  private final RedisKeys keys;
  private final ConsumerGroup group;
  private final Clock clock = Clock.systemUTC();

  public RedisStreamsTaskQueue(StringRedisTemplate redis, RedisQueueConfig config) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.config = Objects.requireNonNull(config, "config");
    this.keys = config.keys();
    this.group = new ConsumerGroup(redis, keys.tasks(), config.group());
  }

  /** Durable when it returns as far as the server's {@code appendfsync} setting makes it. */
  @Override
  public void enqueue(IngestTask task) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(task.taskId(), "task.taskId");
    Objects.requireNonNull(task.imageId(), "task.imageId");
    RecordId id =
        redis
            .opsForStream()
            .add(StreamRecords.string(TaskFields.encode(task)).withStreamKey(keys.tasks()));
    if (id == null) {
      throw new IllegalStateException("Redis did not confirm the enqueue of " + task.taskId());
    }
  }

  @Override
  public List<Delivery> poll(String consumer, int max, Duration wait) {
    TaskQueue.checkPollArguments(consumer, max, wait);
    long deadline = System.nanoTime() + SaturatingTime.nanos(wait);
    while (true) {
      long nextDue = promoteDueRetries();
      List<Delivery> claimed = new ArrayList<>(reclaimExpired(consumer, max));
      if (claimed.size() < max) {
        long remaining = deadline - System.nanoTime();
        long blockMillis = claimed.isEmpty() && remaining > 0 ? blockMillis(remaining, nextDue) : 0;
        claimed.addAll(readNew(consumer, max - claimed.size(), blockMillis));
      }
      if (!claimed.isEmpty()
          || deadline - System.nanoTime() <= 0
          || Thread.currentThread().isInterrupted()) {
        return claimed;
      }
    }
  }

  /**
   * Removes the task for good. Honoured even if this claim was taken over by another worker: the
   * work is done, and the newer delivery's acknowledge is then a no-op. Idempotent.
   */
  @Override
  public void acknowledge(Delivery delivery) {
    StreamReceipt receipt = StreamReceipt.of(delivery);
    redis.execute(LuaScripts.ACKNOWLEDGE, List.of(keys.tasks()), config.group(), receipt.entryId());
  }

  /** Ignored (and logged) if the claim was taken over: the task's newer holder decides its fate. */
  @Override
  public void retryLater(Delivery delivery, Duration backoff, String reason) {
    StreamReceipt receipt = StreamReceipt.of(delivery);
    if (backoff == null || backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must be zero or positive, got " + backoff);
    }
    Long moved =
        redis.execute(
            LuaScripts.RETRY,
            List.of(keys.tasks(), keys.delayed()),
            config.group(),
            receipt.entryId(),
            Long.toString(receipt.deliveries()),
            Long.toString(SaturatingTime.millisAfter(clock.millis(), backoff)),
            Objects.requireNonNullElse(reason, ""));
    if (!Long.valueOf(1).equals(moved)) {
      logStale("retryLater", delivery);
    }
  }

  /**
   * Adds the task again at the end of the stream, with the attempts made before this delivery.
   * Ignored (and logged) if the claim was taken over: the task's newer holder decides its fate.
   */
  @Override
  public void release(Delivery delivery) {
    StreamReceipt receipt = StreamReceipt.of(delivery);
    Long moved =
        redis.execute(
            LuaScripts.RELEASE,
            List.of(keys.tasks()),
            config.group(),
            receipt.entryId(),
            Long.toString(receipt.deliveries()));
    if (!Long.valueOf(1).equals(moved)) {
      logStale("release", delivery);
    }
  }

  /** Ignored (and logged) if the claim was taken over: the task's newer holder decides its fate. */
  @Override
  public void deadLetter(Delivery delivery, String reason) {
    StreamReceipt receipt = StreamReceipt.of(delivery);
    Objects.requireNonNull(reason, "reason");
    if (!bury(receipt, reason)) {
      logStale("deadLetter", delivery);
    }
  }

  /**
   * Tasks accepted but not yet acknowledged or dead-lettered: entries in the stream (never
   * delivered, or claimed and unfinished) plus retries waiting for their due time.
   */
  @Override
  public long backlog() {
    Long backlog = redis.execute(LuaScripts.BACKLOG, List.of(keys.tasks(), keys.delayed()));
    return backlog == null ? 0 : backlog;
  }

  /**
   * The stream's first entry was enqueued first among those waiting or claimed; a retry waiting in
   * the delayed set was accepted earlier still, so the earliest-due one is considered too.
   */
  @Override
  public java.util.Optional<java.time.Instant> oldestAcceptedAt() {
    java.util.List<java.time.Instant> candidates = new java.util.ArrayList<>();
    var head =
        redis
            .opsForStream()
            .range(
                keys.tasks(),
                org.springframework.data.domain.Range.unbounded(),
                org.springframework.data.redis.connection.Limit.limit().count(1));
    if (head != null && !head.isEmpty()) {
      Object accepted = head.getFirst().getValue().get(TaskFields.ACCEPTED_AT);
      if (accepted != null) {
        candidates.add(java.time.Instant.parse(accepted.toString()));
      }
    }
    var delayed = redis.opsForZSet().range(keys.delayed(), 0, 0);
    if (delayed != null && !delayed.isEmpty()) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"" + TaskFields.ACCEPTED_AT + "\"\\s*:\\s*\"([^\"]+)\"")
              .matcher(delayed.iterator().next());
      if (m.find()) {
        candidates.add(java.time.Instant.parse(m.group(1)));
      }
    }
    return candidates.stream().min(java.util.Comparator.naturalOrder());
  }

  /** The most recent {@code limit} dead letters, newest first; for operators and tests. */
  public List<RedisDeadLetter> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<MapRecord<String, Object, Object>> records =
        redis
            .opsForStream()
            .reverseRange(keys.dead(), Range.unbounded(), Limit.limit().count(limit));
    List<RedisDeadLetter> letters = new ArrayList<>();
    for (MapRecord<String, Object, Object> record :
        records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
      ClaimedEntry entry = ClaimedEntry.firstDelivery(record);
      Map<String, String> fields = entry.fields();
      try {
        letters.add(
            new RedisDeadLetter(
                entry.id(),
                TaskFields.decode(fields),
                Integer.parseInt(fields.get("attempts")),
                fields.get("reason"),
                Instant.ofEpochMilli(Long.parseLong(fields.get("dead_at")))));
      } catch (IllegalArgumentException e) {
        LOG.log(Level.WARNING, "dead letter {0} is not readable: {1}", entry.id(), e.getMessage());
      }
    }
    return letters;
  }

  /** Moves due retries into the stream; returns the due time of the next one, or -1. */
  private long promoteDueRetries() {
    List<?> reply =
        redis.execute(
            LuaScripts.PROMOTE,
            List.of(keys.delayed(), keys.tasks()),
            Long.toString(clock.millis()),
            Integer.toString(PROMOTE_BATCH));
    return reply == null ? -1 : (long) Double.parseDouble(String.valueOf(reply.get(1)));
  }

  private List<Delivery> reclaimExpired(String consumer, int max) {
    List<?> rows =
        group.run(
            () ->
                redis.execute(
                    LuaScripts.RECLAIM,
                    List.of(keys.tasks()),
                    config.group(),
                    consumer,
                    Long.toString(config.visibilityTimeout().toMillis()),
                    Integer.toString(max)));
    List<Delivery> deliveries = new ArrayList<>();
    for (Object row : rows == null ? List.of() : rows) {
      decode(ClaimedEntry.fromScriptRow((List<?>) row), deliveries);
    }
    return deliveries;
  }

  /** {@code XREADGROUP >}: entries never delivered; blocks only if {@code blockMillis > 0}. */
  private List<Delivery> readNew(String consumer, int max, long blockMillis) {
    StreamReadOptions options = StreamReadOptions.empty().count(max);
    if (blockMillis > 0) {
      options = options.block(Duration.ofMillis(blockMillis));
    }
    StreamReadOptions read = options;
    List<MapRecord<String, Object, Object>> records =
        group.run(
            () ->
                redis
                    .opsForStream()
                    .read(
                        Consumer.from(config.group(), consumer),
                        read,
                        StreamOffset.create(keys.tasks(), ReadOffset.lastConsumed())));
    List<Delivery> deliveries = new ArrayList<>();
    for (MapRecord<String, Object, Object> record :
        records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
      decode(ClaimedEntry.firstDelivery(record), deliveries);
    }
    return deliveries;
  }

  /** An entry no version of this code can read would fail every worker: bury it at once. */
  private void decode(ClaimedEntry entry, List<Delivery> into) {
    try {
      into.add(entry.toDelivery());
    } catch (IllegalArgumentException e) {
      LOG.log(Level.ERROR, "task entry {0} is unreadable, dead-lettered: {1}", entry.id(), e);
      bury(entry.receipt(), "unreadable task entry: " + e.getMessage());
    }
  }

  private boolean bury(StreamReceipt receipt, String reason) {
    Long moved =
        redis.execute(
            LuaScripts.BURY,
            List.of(keys.tasks(), keys.dead()),
            config.group(),
            receipt.entryId(),
            Long.toString(receipt.deliveries()),
            reason,
            Long.toString(clock.millis()));
    return Long.valueOf(1).equals(moved);
  }

  /** At least 1 ms ({@code BLOCK 0} waits forever), at most a slice, and not past the next due. */
  private long blockMillis(long remainingNanos, long nextDue) {
    long millis = Math.min(MAX_BLOCK_MILLIS, TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1);
    if (nextDue >= 0) {
      millis = Math.min(millis, nextDue - clock.millis() + 1);
    }
    return Math.max(1, millis);
  }

  private void logStale(String operation, Delivery delivery) {
    LOG.log(
        Level.WARNING,
        "{0} of task {1} ignored: its claim was taken over or it is already done",
        operation,
        delivery.task().taskId());
  }
}
