package io.imagesearch.imaging;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Optional;

/**
 * An image ready for use: 8-bit RGB pixels, upright (EXIF orientation applied), transparency
 * flattened on white, with the metadata read from the file.
 */
public record DecodedImage(
    BufferedImage rgb, ImageFormat format, Optional<Instant> takenAt, Optional<String> camera) {

  public int width() {
    return rgb.getWidth();
  }

  public int height() {
    return rgb.getHeight();
  }
}
