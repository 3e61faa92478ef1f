package io.imagesearch.imaging;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.util.Locale;

/**
 * Refuses a file that carries more data after the end of its image than the image itself. Every
 * format marks or declares where its image ends (PNG's IEND chunk, JPEG's EOI marker, GIF's
 * trailer, the RIFF size of WebP, the pixel array of BMP); decoders stop there and never look at
 * what follows, so an image with a payload appended would be stored and served back unchanged: free
 * file hosting behind a valid picture. Some cameras append data of their own (a phone's "motion
 * photo" appends a short video), so what follows is refused only beyond {@link #allowedAfter the
 * bound}. A file whose end cannot be found (truncated, or damaged so its structure cannot be
 * followed) is left to the decoder, which reports it.
 */
final class TrailingData {

  /** Always allowed after the image, whatever its size: padding and small vendor trailers. */
  static final int ALWAYS_ALLOWED = 64 * 1024;

  private TrailingData() {}

  /**
   * @throws ImageRejectedException with {@link Reason#TRAILING_DATA} when more than {@link
   *     #allowedAfter} bytes follow the image
   */
  static void check(byte[] bytes, ImageFormat format) {
    long end = endOfImage(bytes, format);
    if (end < 0) {
      return;
    }
    long trailing = bytes.length - end;
    if (trailing > allowedAfter(end)) {
      throw new ImageRejectedException(
          Reason.TRAILING_DATA,
          String.format(
              Locale.ROOT,
              "The %s file carries %,d bytes after the end of its image (%s), more than the image"
                  + " itself (%,d bytes). Upload the image alone: cut what follows its end (a"
                  + " motion photo's video, an appended file).",
              format,
              trailing,
              endMarker(format),
              end));
    }
  }

  /** Bytes that may follow an image of {@code imageBytes}: as many again, and at least 64 KiB. */
  static long allowedAfter(long imageBytes) {
    return Math.max(ALWAYS_ALLOWED, imageBytes);
  }

  /**
   * The offset just past the image's last byte, or -1 when the file ends before the image does or
   * its structure cannot be followed.
   */
  static long endOfImage(byte[] bytes, ImageFormat format) {
    return switch (format) {
      case PNG -> pngEnd(bytes);
      case JPEG -> jpegEnd(bytes);
      case GIF -> gifEnd(bytes);
      case WEBP -> webpEnd(bytes);
      case BMP -> bmpEnd(bytes);
    };
  }

  private static String endMarker(ImageFormat format) {
    return switch (format) {
      case PNG -> "its IEND chunk";
      case JPEG -> "its EOI marker";
      case GIF -> "its trailer";
      case WEBP -> "the size its RIFF header declares";
      case BMP -> "its pixel data";
    };
  }

  /** After the IEND chunk's CRC: chunks are length, type, data, CRC. */
  private static long pngEnd(byte[] png) {
    long at = 8;
    while (at + 12 <= png.length) {
      long length = FileBytes.intBigEndian(png, (int) at) & 0xFFFFFFFFL;
      long end = at + 12 + length;
      if (end > png.length) {
        return -1;
      }
      int type = (int) at + 4;
      if (png[type] == 'I'
          && png[type + 1] == 'E'
          && png[type + 2] == 'N'
          && png[type + 3] == 'D') {
        return end;
      }
      at = end;
    }
    return -1;
  }

  /**
   * After the EOI marker, found by walking the segments: each declares its length, and after a
   * start of scan the entropy-coded data runs to the next marker (a 0xFF there is followed by 0x00
   * or a restart marker). An EOI inside a segment, such as that of an EXIF thumbnail, is skipped
   * with its segment.
   */
  private static long jpegEnd(byte[] jpeg) {
    int at = 2;
    while (at < jpeg.length) {
      if ((jpeg[at] & 0xFF) != 0xFF) {
        return -1;
      }
      while (at < jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
        at++; // fill bytes may precede a marker
      }
      if (at >= jpeg.length) {
        return -1;
      }
      int marker = jpeg[at++] & 0xFF;
      if (marker == 0xD9) {
        return at;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // no length: TEM and the restart markers
      }
      if (marker == 0x00 || at + 2 > jpeg.length) {
        return -1;
      }
      int length = FileBytes.shortBigEndian(jpeg, at);
      if (length < 2 || (long) at + length > jpeg.length) {
        return -1;
      }
      at += length;
      if (marker == 0xDA) {
        at = nextMarkerAfterScan(jpeg, at);
        if (at < 0) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static int nextMarkerAfterScan(byte[] jpeg, int from) {
    for (int i = from; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF) {
        int next = jpeg[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** After the trailer byte (0x3B) that follows the last block. */
  private static long gifEnd(byte[] gif) {
    if (gif.length < 13) {
      return -1;
    }
    long at = 13 + colourTableBytes(gif[10]);
    while (at < gif.length) {
      int block = gif[(int) at] & 0xFF;
      if (block == 0x3B) {
        return at + 1;
      }
      if (block == 0x21) {
        at = afterSubBlocks(gif, at + 2); // introducer, label
      } else if (block == 0x2C) {
        if (at + 10 > gif.length) {
          return -1;
        }
        // Descriptor, local colour table, LZW minimum code size, then the data sub-blocks.
        at = afterSubBlocks(gif, at + 10 + colourTableBytes(gif[(int) at + 9]) + 1);
      } else {
        return -1;
      }
      if (at < 0) {
        return -1;
      }
    }
    return -1;
  }

  private static int colourTableBytes(byte flags) {
    return (flags & 0x80) == 0 ? 0 : 3 * (1 << ((flags & 0x07) + 1));
  }

  private static long afterSubBlocks(byte[] gif, long at) {
    while (at < gif.length) {
      int size = gif[(int) at] & 0xFF;
      at += 1 + size;
      if (size == 0) {
        return at;
      }
    }
    return -1;
  }

  /** The RIFF header declares the size of what follows its first 8 bytes. */
  private static long webpEnd(byte[] webp) {
    if (webp.length < 8) {
      return -1;
    }
    long end = 8 + (FileBytes.intLittleEndian(webp, 4) & 0xFFFFFFFFL);
    return end > webp.length ? -1 : end;
  }

  /**
   * After the pixel array (its size follows from the header for uncompressed pixels, and is
   * declared for compressed ones) or an embedded colour profile, whichever ends last.
   */
  private static long bmpEnd(byte[] bmp) {
    if (bmp.length < BmpHeader.INFO + 4) {
      return -1;
    }
    long pixelsAt = FileBytes.intLittleEndian(bmp, 10) & 0xFFFFFFFFL;
    int header = FileBytes.intLittleEndian(bmp, BmpHeader.INFO);
    long pixelBytes;
    if (header == BmpHeader.CORE_SIZE && bmp.length >= BmpHeader.INFO + BmpHeader.CORE_SIZE) {
      int width = FileBytes.shortLittleEndian(bmp, 18);
      int height = FileBytes.shortLittleEndian(bmp, 20);
      pixelBytes = rowBytes(width, FileBytes.shortLittleEndian(bmp, 24)) * height;
    } else if (header >= BmpHeader.INFO_SIZE
        && bmp.length >= BmpHeader.INFO + BmpHeader.INFO_SIZE) {
      long width = FileBytes.intLittleEndian(bmp, 18);
      long height = Math.abs((long) FileBytes.intLittleEndian(bmp, 22));
      int bitsPerPixel = FileBytes.shortLittleEndian(bmp, 28);
      int compression = BmpHeader.compression(bmp);
      pixelBytes =
          compression == BmpHeader.RGB
                  || compression == BmpHeader.BITFIELDS
                  || compression == BmpHeader.ALPHA_BITFIELDS
              ? rowBytes(width, bitsPerPixel) * height
              : FileBytes.intLittleEndian(bmp, 34) & 0xFFFFFFFFL;
      if (pixelBytes == 0) {
        return -1; // compressed without a declared size: nothing to measure against
      }
    } else {
      return -1;
    }
    long end = pixelsAt + pixelBytes;
    if (BmpHeader.embedsProfile(bmp)) {
      end =
          Math.max(end, BmpHeader.INFO + BmpHeader.profileOffset(bmp) + BmpHeader.profileSize(bmp));
    }
    return end > bmp.length ? -1 : end;
  }

  /** Rows are padded to whole 32-bit words. */
  private static long rowBytes(long width, int bitsPerPixel) {
    return (Math.abs(width) * bitsPerPixel + 31) / 32 * 4;
  }
}
