package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.task.TaskId;

/** An upload whose bytes are durable and whose task is queued. */
public record AcceptedUpload(TaskId taskId, ImageId imageId, String fileName, String mimeType) {}
