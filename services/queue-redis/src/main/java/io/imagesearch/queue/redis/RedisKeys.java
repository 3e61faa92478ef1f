package io.imagesearch.queue.redis;

import io.imagesearch.core.task.TaskId;

/**
 * The Redis key layout, in one place so operators can find it. With the default prefix:
 *
 * <ul>
 *   <li>{@code imagesearch:tasks} stream of due tasks, read through the consumer group
 *   <li>{@code imagesearch:tasks:delayed} sorted set of tasks waiting out a retry backoff, scored
 *       by due time (epoch millis)
 *   <li>{@code imagesearch:tasks:dead} stream of dead letters
 *   <li>{@code imagesearch:status:<task id>} hash of one task's status, with a TTL
 *   <li>{@code imagesearch:status:recent} sorted set of task ids scored by update time (epoch
 *       millis)
 *   <li>{@code imagesearch:model-state} hash of the library's model state ({@code
 *       ModelStateProperties}' keys)
 *   <li>{@code imagesearch:model-migration-lease} string naming the worker that walks the library
 *       for a migration, with a TTL
 * </ul>
 */
record RedisKeys(String prefix) {

  String tasks() {
    return prefix + ":tasks";
  }

  String delayed() {
    return prefix + ":tasks:delayed";
  }

  String dead() {
    return prefix + ":tasks:dead";
  }

  /** Followed by a task id; task ids are UUIDs, so never collide with {@link #recentStatuses}. */
  String statusPrefix() {
    return prefix + ":status:";
  }

  String status(TaskId id) {
    return statusPrefix() + id.value();
  }

  String recentStatuses() {
    return prefix + ":status:recent";
  }

  String modelState() {
    return prefix + ":model-state";
  }

  String migrationLease() {
    return prefix + ":model-migration-lease";
  }
}
