package io.imagesearch.testsupport;

import static io.imagesearch.testsupport.Binary.ascii;
import static io.imagesearch.testsupport.Binary.concat;

import java.nio.charset.StandardCharsets;

/**
 * Files that are not images of an accepted format, or are one and something else at once
 * (polyglots): what an upload route must refuse, or store without ever serving it as anything but
 * its sniffed image type.
 */
public final class NotImages {
  private NotImages() {}

  public static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A little-endian TIFF declaring 96 x 64: a real image format, not an accepted one. */
  public static byte[] tiff() {
    return Tiffs.tiffFile(96, 64);
  }

  /** The header of a BigTIFF file. */
  public static byte[] bigTiff() {
    return new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0};
  }

  /** An ISO media file header of {@code brand} ("heic", "avif"). */
  public static byte[] isoMedia(String brand) {
    return concat(
        new byte[] {0, 0, 0, 24}, ascii("ftyp" + brand), new byte[4], ascii(brand + "mif1"));
  }

  /** The signature of a JPEG XL codestream and a few bytes. */
  public static byte[] jpegXl() {
    return new byte[] {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x7F, 0, 0, 0, 0};
  }

  /** The header of a Windows icon with one 16 x 16 entry. */
  public static byte[] icon() {
    return new byte[] {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0};
  }

  /** The header of a Photoshop document. */
  public static byte[] photoshop() {
    return concat(
        ascii("8BPS"), new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 64, 0, 0, 0, 96});
  }

  /** The start of a ZIP archive (also the start of a JAR, DOCX, APK). */
  public static byte[] zip() {
    return concat(ascii("PK"), new byte[] {3, 4, 20, 0, 0, 0, 0, 0}, new byte[20]);
  }

  /** The start of an ELF executable. */
  public static byte[] elf() {
    return concat(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, new byte[56]);
  }

  /**
   * "GIF89a" followed by a script: parsed as JavaScript, it runs; parsed as GIF, it is nonsense.
   */
  public static byte[] gifScriptPolyglot() {
    return ascii("GIF89a/*\u0000\u0000*/=1;alert(document.domain);//");
  }

  /** Bytes that start "BM" as a BMP does, and are text. */
  public static byte[] textStartingWithBm() {
    return ascii("BMW is a car, not a bitmap");
  }

  /** A valid GIF with a ZIP archive appended (a GIFAR): both readers accept it. */
  public static byte[] gifWithZip() {
    return concat(HostileGifs.still(), zip());
  }

  /** A valid PNG followed by an HTML page. */
  public static byte[] pngWithHtml() {
    return concat(
        HostileImages.ordinary("png"),
        text("<html><body><script>alert(document.cookie)</script></body></html>"));
  }
}
