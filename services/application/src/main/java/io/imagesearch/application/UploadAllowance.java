package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;

/**
 * How much more one uploader may store, when a quota limits it. Each file an upload accepts takes
 * its room before its bytes are stored, and gives it back when they are not stored after all; an
 * image the uploader already holds takes none (uploads are idempotent). Used from the thread that
 * handles the upload.
 */
public interface UploadAllowance {

  /** No limit: uploads without a quota (keys that have none, the command line, security off). */
  UploadAllowance UNLIMITED =
      new UploadAllowance() {
        @Override
        public boolean take(ImageId image, long bytes) {
          return false;
        }

        @Override
        public void giveBack(ImageId image) {}
      };

  /**
   * Takes room for {@code image}, {@code bytes} long.
   *
   * @return whether room was taken by this call, to be given back if the image is not stored
   * @throws QuotaExceededException when the image does not fit
   * @throws DependencyUnavailableException when the usage cannot be read or written now
   */
  boolean take(ImageId image, long bytes);

  /** Gives back the room {@link #take} took for {@code image}. */
  void giveBack(ImageId image);
}
