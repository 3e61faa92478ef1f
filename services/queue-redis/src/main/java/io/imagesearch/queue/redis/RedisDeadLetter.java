package io.imagesearch.queue.redis;

import io.imagesearch.core.task.IngestTask;
import java.time.Instant;

/**
 * A task given up on: why, after how many deliveries, and when. {@code entryId} names its entry in
 * the dead-letter stream, for operators who replay or delete it.
 */
public record RedisDeadLetter(
    String entryId, IngestTask task, int attempts, String reason, Instant deadAt) {}
