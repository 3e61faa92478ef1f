package io.imagesearch.imaging;

/**
 * Which library reads and writes JPEG. libjpeg-turbo decodes to the same pixels as ImageIO
 * (accurate integer DCT, smooth chroma upsampling, as the reference pipeline's Pillow) at about
 * twice the speed and encodes thumbnails faster, but it is a system library, so it is used when
 * present and ImageIO otherwise.
 */
public enum JpegCodec {
  /** libjpeg-turbo when the system has it, ImageIO otherwise. */
  AUTO,
  /** libjpeg-turbo, or fail at start-up with an install hint. */
  LIBJPEG_TURBO,
  /** The JDK's ImageIO only. */
  IMAGEIO;

  /**
   * The libjpeg-turbo binding this choice uses, or null for ImageIO.
   *
   * @throws IllegalStateException when libjpeg-turbo is required and missing
   */
  TurboJpeg turbo() {
    return switch (this) {
      case IMAGEIO -> null;
      case AUTO -> TurboJpeg.find().orElse(null);
      case LIBJPEG_TURBO ->
          TurboJpeg.find()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the JPEG codec is set to libjpeg-turbo but "
                              + TurboJpeg.unavailableReason()
                              + "; or set it to auto or imageio"));
    };
  }

  /** Which library this choice ends up using, and how to get the faster one, for the log. */
  public String describe() {
    if (turbo() != null) {
      return "libjpeg-turbo (system library)";
    }
    return this == IMAGEIO
        ? "ImageIO (as configured)"
        : "ImageIO; for about twice the speed, " + TurboJpeg.INSTALL_HINT;
  }
}
