package io.imagesearch.core.search;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;

/** One entry of a vector index: the image's embedding and its metadata. */
public record IndexedImage(ImageId id, float[] vector, ImageMetadata metadata) {}
