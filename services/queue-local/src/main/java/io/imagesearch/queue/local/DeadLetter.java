package io.imagesearch.queue.local;

import io.imagesearch.core.task.IngestTask;
import java.time.Instant;

/** A task given up on: why, after how many deliveries, and when. */
public record DeadLetter(IngestTask task, int attempts, String reason, Instant deadAt) {}
