package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;

/** The original bytes of an image are not in the object store (it was deleted). */
final class MissingImageException extends RuntimeException {
  MissingImageException(ImageId id) {
    super("the uploaded bytes of image " + id + " are missing from the object store");
  }
}
