package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;

/**
 * Upload quotas as the HTTP layer meets them: the allowance of whoever sends the request being
 * handled on this thread, and the room an image held, given back when it is deleted.
 */
public interface UploadQuotas {

  /** No quotas at all. */
  UploadQuotas NONE =
      new UploadQuotas() {
        @Override
        public UploadAllowance ofCurrentCaller() {
          return UploadAllowance.UNLIMITED;
        }

        @Override
        public void released(ImageId image) {}
      };

  /** The allowance of the caller whose request this thread handles. */
  UploadAllowance ofCurrentCaller();

  /**
   * {@code image} was deleted: every uploader whose quota it counted against gets its room back. A
   * failure is logged, not thrown: the delete is done, and a usage counted too high only errs on
   * the safe side.
   */
  void released(ImageId image);
}
