package io.imagesearch.imaging;

import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Refuses a file whose metadata would take more than the limit to read, before any reader sees it.
 * Only PNG compresses metadata (zTXt, iTXt, iCCP chunks are deflated, and ImageIO's and
 * metadata-extractor's PNG readers inflate them whole): those chunks are inflated here into a small
 * scratch buffer, counting bytes, and the count stops at the limit. WebP and BMP store metadata as
 * is but declare its length, which a reader may allocate up front, so the declared lengths are
 * checked. JPEG segments and GIF blocks are at most 64 KiB each and so bounded by the file size.
 */
final class MetadataBudget {
  private MetadataBudget() {}

  private static final byte[] PNG_IEND = ascii("IEND");
  private static final byte[] PNG_ZTXT = ascii("zTXt");
  private static final byte[] PNG_ITXT = ascii("iTXt");
  private static final byte[] PNG_ICCP = ascii("iCCP");
  private static final byte[] WEBP_ICCP = ascii("ICCP");
  private static final byte[] WEBP_EXIF = ascii("EXIF");
  private static final byte[] WEBP_XMP = ascii("XMP ");

  // bV5CSType values that make a reader load the profile: 'MBED' and 'LINK'.

  static void check(byte[] bytes, ImageFormat format, long limit) {
    long size =
        switch (format) {
          case PNG -> pngInflatedMetadata(bytes, limit);
          case WEBP -> webpDeclaredMetadata(bytes);
          case BMP -> bmpDeclaredProfile(bytes);
          case JPEG, GIF -> 0;
        };
    if (size > limit) {
      throw new ImageRejectedException(
          Reason.TOO_LARGE,
          "The "
              + format
              + " file's metadata (text, colour profile, XMP or EXIF) takes more than "
              + limit
              + " bytes once decompressed, the limit. Strip the metadata before uploading.");
    }
  }

  /** Inflated bytes of the compressed chunks, counted up to just past {@code limit}. */
  private static long pngInflatedMetadata(byte[] png, long limit) {
    long total = 0;
    Inflater inflater = new Inflater();
    byte[] sink = new byte[1 << 16];
    try {
      int at = 8;
      while (at + 8 <= png.length && total <= limit) {
        long length = FileBytes.intBigEndian(png, at) & 0xFFFFFFFFL;
        int data = at + 8;
        if (length > png.length - data) {
          break; // truncated: the decoder reports it
        }
        int end = data + (int) length;
        if (matches(png, at + 4, PNG_IEND)) {
          break;
        }
        int compressed = compressedStart(png, at + 4, data, end);
        if (compressed >= 0) {
          total += inflatedSize(inflater, png, compressed, end - compressed, limit - total, sink);
        }
        at = end + 4; // the CRC
      }
    } finally {
      inflater.end();
    }
    return total;
  }

  /** Where the deflated part of a zTXt, iTXt or iCCP chunk starts; -1 when it has none. */
  private static int compressedStart(byte[] png, int type, int data, int end) {
    int keywordEnd = indexOfNul(png, data, end);
    if (keywordEnd < 0) {
      return -1;
    }
    if (matches(png, type, PNG_ZTXT) || matches(png, type, PNG_ICCP)) {
      return keywordEnd + 2; // NUL, compression method
    }
    if (matches(png, type, PNG_ITXT) && keywordEnd + 2 < end && png[keywordEnd + 1] == 1) {
      int language = indexOfNul(png, keywordEnd + 3, end);
      int translated = language < 0 ? -1 : indexOfNul(png, language + 1, end);
      return translated < 0 ? -1 : translated + 1;
    }
    return -1;
  }

  private static long inflatedSize(
      Inflater inflater, byte[] in, int from, int length, long budget, byte[] sink) {
    if (from >= in.length || length <= 0) {
      return 0;
    }
    inflater.reset();
    inflater.setInput(in, from, length);
    long size = 0;
    try {
      while (!inflater.finished() && size <= budget) {
        int n = inflater.inflate(sink);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        size += n;
      }
    } catch (DataFormatException e) {
      // Damaged data: what inflated so far is what a reader would hold before failing.
    }
    return size;
  }

  /** Declared lengths of the ICCP, EXIF and XMP chunks of a RIFF WebP file. */
  private static long webpDeclaredMetadata(byte[] webp) {
    long total = 0;
    int at = 12;
    while (at + 8 <= webp.length) {
      long length = FileBytes.intLittleEndian(webp, at + 4) & 0xFFFFFFFFL;
      if (matches(webp, at, WEBP_ICCP)
          || matches(webp, at, WEBP_EXIF)
          || matches(webp, at, WEBP_XMP)) {
        total += length;
      }
      // Chunks are padded to an even length.
      long next = at + 8L + length + (length & 1);
      if (next > webp.length) {
        break;
      }
      at = (int) next;
    }
    return total;
  }

  /** The embedded ICC profile size a BMP v5 header declares, 0 for older headers. */
  private static long bmpDeclaredProfile(byte[] bmp) {
    return BmpHeader.declaresProfile(bmp) ? BmpHeader.profileSize(bmp) : 0;
  }

  private static int indexOfNul(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] bytes, int at, byte[] tag) {
    if (at + tag.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < tag.length; i++) {
      if (bytes[at + i] != tag[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String tag) {
    return tag.getBytes(StandardCharsets.US_ASCII);
  }
}
