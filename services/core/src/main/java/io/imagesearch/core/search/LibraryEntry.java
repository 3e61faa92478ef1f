package io.imagesearch.core.search;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;

/** An entry of the library as it is listed: the image and its metadata, without its vector. */
public record LibraryEntry(ImageId id, ImageMetadata metadata) {

  public LibraryPosition position() {
    return new LibraryPosition(metadata.createdAt(), id);
  }
}
