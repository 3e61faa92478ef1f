package io.imagesearch.core.search;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;

/** A search result: cosine similarity in [-1, 1], higher is closer. */
public record SearchHit(ImageId id, float score, ImageMetadata metadata) {}
