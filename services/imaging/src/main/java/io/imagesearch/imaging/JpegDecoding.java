package io.imagesearch.imaging;

import java.util.Locale;

/**
 * Which library turns JPEG bytes into pixels. Both give the same pixels (accurate integer DCT,
 * smooth chroma upsampling, as the reference pipeline's Pillow); libjpeg-turbo is about twice as
 * fast but is a system library, so it is used when present and ImageIO otherwise.
 */
public enum JpegDecoding {
  /** libjpeg-turbo when the system has it, ImageIO otherwise. */
  AUTO,
  /** libjpeg-turbo, or fail at start-up with an install hint. */
  LIBJPEG_TURBO,
  /** The JDK's ImageIO decoder only. */
  IMAGEIO;

  /** Reads {@code auto}, {@code libjpeg-turbo} or {@code imageio}, as written in configuration. */
  public static JpegDecoding parse(String value) {
    String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (JpegDecoding choice : values()) {
      if (choice.name().equals(normalised)) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "unknown JPEG decoder '" + value + "': use auto, libjpeg-turbo or imageio");
  }
}
