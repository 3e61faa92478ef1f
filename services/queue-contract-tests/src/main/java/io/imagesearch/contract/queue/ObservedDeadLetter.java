package io.imagesearch.contract.queue;

import io.imagesearch.core.task.IngestTask;

/**
 * A dead letter as the contract observes it. The port has no way to list dead letters (operators
 * read them through the adapter's own tooling), so each adapter's test maps its own view to this.
 */
public record ObservedDeadLetter(IngestTask task, String reason) {}
