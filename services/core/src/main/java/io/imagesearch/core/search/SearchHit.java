package io.imagesearch.core.search;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;

/**
 * A search result, higher scores first: cosine similarity in [-1, 1] for a vector search, BM25 for
 * a keyword search, the fused rank score for a hybrid one.
 */
public record SearchHit(ImageId id, float score, ImageMetadata metadata) {}
