package io.imagesearch.embedded;

import static io.imagesearch.embedded.HostileImageCases.Fate.FAILS;
import static io.imagesearch.embedded.HostileImageCases.Fate.NOT_AN_IMAGE;
import static io.imagesearch.embedded.HostileImageCases.Fate.REFUSED;
import static io.imagesearch.embedded.HostileImageCases.Fate.SUCCEEDS;
import static io.imagesearch.embedded.HostileImageCases.Fate.TOO_LARGE;
import static io.imagesearch.embedded.HostileImageCases.Fate.TRAILING_DATA;
import static io.imagesearch.embedded.HostileImageCases.Fate.UNPROCESSABLE;

import io.imagesearch.embedded.HostileCase.Answer;
import io.imagesearch.embedded.HostileCase.Outcome;
import io.imagesearch.testsupport.HostileBmps;
import io.imagesearch.testsupport.HostileGifs;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.HostileJpegs;
import io.imagesearch.testsupport.HostileWebps;
import io.imagesearch.testsupport.NotImages;
import io.imagesearch.testsupport.Tiffs;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Hostile files, each sent to the upload route ({@code POST /api/v1/ingest}) and to search by image
 * ({@code POST /api/v1/search/by-image}): bombs at and over the limits, extreme shapes, metadata
 * that inflates or loops, truncated and mislabelled files, polyglots, and the edge cases of every
 * accepted format. Built in memory by test-support's generators; nothing is committed.
 */
final class HostileImageCases {
  private HostileImageCases() {}

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  /** What becomes of a file: the upload's status and task, and search by image's status. */
  enum Fate {
    /** Accepted and indexed; search by image answers 200. */
    SUCCEEDS(Answer.accepted(Outcome.SUCCESS), Answer.status(200)),
    /** Its header is sound, so it is accepted; the worker finds the damage: FAILURE, and 422. */
    FAILS(Answer.accepted(Outcome.FAILURE), Answer.status(422)),
    /** Refused from its header: beyond the pixel, size or metadata limits. */
    TOO_LARGE(Answer.status(413), Answer.status(413)),
    /** Refused from its header: damaged, too small, animated or of an extreme shape. */
    UNPROCESSABLE(Answer.status(422), Answer.status(422)),
    /**
     * Refused at upload for carrying more data after its end than itself (it would be stored and
     * served back as is); search by image reads only the image, so it answers 200.
     */
    TRAILING_DATA(Answer.status(422), Answer.status(200)),
    /**
     * Refused from its header, as damaged (422) by libjpeg-turbo, which reads a JPEG's header first
     * where it is installed, or as too large (413) by ImageIO.
     */
    REFUSED(Answer.status(413, 422), Answer.status(413, 422)),
    /** Refused: not an image of an accepted format, whatever its name says. */
    NOT_AN_IMAGE(Answer.status(415), Answer.status(415));

    final Answer upload;
    final Answer byImage;

    Fate(Answer upload, Answer byImage) {
      this.upload = upload;
      this.byImage = byImage;
    }
  }

  /** A hostile file, made when its case runs. */
  record HostileFile(String name, Supplier<byte[]> bytes, Fate fate) {}

  static Stream<HostileCase> uploads() {
    return files()
        .map(
            file ->
                HostileCase.of(
                    "upload " + file.name(),
                    stored ->
                        HostileRequest.upload(
                            "/api/v1/ingest", "file", "upload", file.bytes().get()),
                    file.fate().upload));
  }

  static Stream<HostileCase> searchesByImage() {
    return files()
        .map(
            file ->
                HostileCase.of(
                    "search by " + file.name(),
                    stored ->
                        HostileRequest.upload(
                            "/api/v1/search/by-image", "file", "query", file.bytes().get()),
                    file.fate().byImage));
  }

  static Stream<HostileFile> files() {
    return Stream.of(png(), jpeg(), gif(), webp(), bmp(), notImages()).flatMap(List::stream);
  }

  private static List<HostileFile> png() {
    return List.of(
        file(
            "2 x 25,000,000 grey PNG, at the pixel limit",
            () -> HostileImages.greyPng(2, 25_000_000),
            UNPROCESSABLE),
        file("2 x 5,000,000 grey PNG", () -> HostileImages.greyPng(2, 5_000_000), UNPROCESSABLE),
        file("25,000,000 x 2 grey PNG", () -> HostileImages.greyPng(25_000_000, 2), UNPROCESSABLE),
        file("1 x 5,000 PNG", () -> HostileImages.greyPng(1, 5_000), UNPROCESSABLE),
        file("5,000 x 1 PNG", () -> HostileImages.greyPng(5_000, 1), UNPROCESSABLE),
        file(
            "2 x 200 PNG, the most extreme shape allowed",
            () -> HostileImages.greyPng(2, 200),
            SUCCEEDS),
        file("2 x 201 PNG, one row past it", () -> HostileImages.greyPng(2, 201), UNPROCESSABLE),
        file(
            "7071 x 7071 grey PNG, at the pixel limit",
            () -> HostileImages.greyPng(7071, 7071),
            SUCCEEDS),
        file(
            "5000 x 5000 16-bit RGBA interlaced PNG, the widest layout (8 bytes a pixel)",
            () -> HostileImages.uniformPng(5000, 5000, 16, 6, true),
            SUCCEEDS),
        file(
            "PNG header declaring 7072 x 7071, past the pixel limit",
            () -> HostileImages.pngHeaderDeclaring(7072, 7071),
            TOO_LARGE),
        file(
            "PNG header declaring 2147483647 x 2147483647",
            () -> HostileImages.pngHeaderDeclaring(Integer.MAX_VALUE, Integer.MAX_VALUE),
            TOO_LARGE),
        file(
            "PNG header declaring 0 x 0",
            () -> HostileImages.pngHeaderDeclaring(0, 0),
            UNPROCESSABLE),
        file(
            "PNG declaring 7071 x 7071 16-bit RGBA, one row of data",
            () -> HostileImages.pngDeclaringDeepPixels(7071, 7071),
            FAILS),
        file("PNG zTXt inflating to 2 GiB", () -> HostileImages.zTxtBomb(2 * GIB), TOO_LARGE),
        file("PNG iTXt (XMP) inflating to 1 GiB", () -> HostileImages.iTxtBomb(GIB), TOO_LARGE),
        file("PNG iCCP profile inflating to 1 GiB", () -> HostileImages.iccpBomb(GIB), TOO_LARGE),
        file(
            "17 PNG zTXt chunks of 1 MiB, past the budget together",
            () -> HostileImages.zTxtChunks(17, MIB),
            TOO_LARGE),
        file(
            "PNG zTXt inflating to 15 MiB, within the budget",
            () -> HostileImages.zTxtBomb(15 * MIB),
            SUCCEEDS),
        file("PNG with 100,000 tEXt chunks", () -> HostileImages.manyTextChunks(100_000), SUCCEEDS),
        file(
            "PNG eXIf whose IFD links to itself",
            () -> HostileImages.pngWithExif(Tiffs.selfLinkedIfd()),
            SUCCEEDS),
        file(
            "PNG IDAT declaring 2 GB",
            () -> HostileImages.pngWithIdatDeclaring(0x7FFF_FFF0L),
            SUCCEEDS),
        file("PNG with every CRC wrong", HostileImages::pngWithBadCrcs, SUCCEEDS),
        file(
            "PNG with a second IHDR of 60000 x 60000 after its data",
            HostileImages::pngWithSecondHeader,
            SUCCEEDS),
        file("16-bit RGB PNG", () -> HostileImages.uniformPng(96, 64, 16, 2, false), SUCCEEDS),
        file("1-bit grey PNG", () -> HostileImages.uniformPng(96, 64, 1, 0, false), SUCCEEDS),
        file("4-bit palette PNG", () -> HostileImages.uniformPng(96, 64, 4, 3, false), SUCCEEDS),
        file(
            "interlaced grey and alpha PNG",
            () -> HostileImages.uniformPng(96, 64, 8, 4, true),
            SUCCEEDS),
        file(
            "truncated PNG",
            () -> HostileImages.truncated(HostileImages.ordinary("png"), 0.6),
            FAILS),
        file(
            "PNG signature only",
            () -> Arrays.copyOf(HostileImages.ordinary("png"), 8),
            UNPROCESSABLE),
        file("PNG followed by an HTML page", NotImages::pngWithHtml, SUCCEEDS));
  }

  private static List<HostileFile> jpeg() {
    return List.of(
        file(
            "JPEG with EXIF orientation 8",
            () -> jpegWith(HostileJpegs.exif(Tiffs.orientation(8))),
            SUCCEEDS),
        file(
            "JPEG with EXIF orientation 99",
            () -> jpegWith(HostileJpegs.exif(Tiffs.orientation(99))),
            SUCCEEDS),
        file(
            "JPEG whose EXIF IFD links to itself",
            () -> jpegWith(HostileJpegs.exif(Tiffs.selfLinkedIfd())),
            SUCCEEDS),
        file(
            "JPEG whose EXIF sub-IFD pointer points back",
            () -> jpegWith(HostileJpegs.exif(Tiffs.exifPointerToItself())),
            SUCCEEDS),
        file(
            "JPEG whose EXIF entry declares 2^30 values",
            () -> jpegWith(HostileJpegs.exif(Tiffs.entryDeclaring(1 << 30))),
            SUCCEEDS),
        file(
            "JPEG with a chain of 3000 EXIF IFDs",
            () -> jpegWith(HostileJpegs.exif(Tiffs.chainOfIfds(3000))),
            SUCCEEDS),
        file(
            "JPEG with an ICC profile in 200 APP2 chunks (13 MB)",
            () ->
                HostileJpegs.withSegments(
                    HostileJpegs.ordinary(), HostileJpegs.iccProfile(200, 65_000)),
            SUCCEEDS),
        file(
            "JPEG with 300 comments of 64 KiB (20 MB)",
            () ->
                HostileJpegs.withSegments(
                    HostileJpegs.ordinary(), HostileJpegs.comments(300, 65_533)),
            SUCCEEDS),
        file(
            "JPEG with 100,000 tiny comments",
            () ->
                HostileJpegs.withSegments(
                    HostileJpegs.ordinary(), HostileJpegs.comments(100_000, 4)),
            SUCCEEDS),
        file(
            "JPEG whose comment holds a script and PHP",
            () ->
                jpegWith(
                    HostileJpegs.comment("<?php system($_GET['c']); ?><script>alert(1)</script>")),
            SUCCEEDS),
        file(
            "JPEG header declaring 65535 x 65535",
            () -> HostileJpegs.declaring(HostileJpegs.ordinary(), 65_535, 65_535),
            REFUSED),
        file(
            "JPEG header declaring 7000 x 7000, data for 96 x 64",
            () -> HostileJpegs.declaring(HostileJpegs.ordinary(), 7000, 7000),
            FAILS),
        file(
            "JPEG header declaring a height of 0",
            () -> HostileJpegs.declaring(HostileJpegs.ordinary(), 96, 0),
            UNPROCESSABLE),
        file(
            "JPEG of 12-bit samples",
            () -> HostileJpegs.withPrecision(HostileJpegs.ordinary(), 12),
            UNPROCESSABLE),
        file(
            "JPEG marked arithmetic-coded over Huffman data",
            () -> HostileJpegs.withFrameMarker(HostileJpegs.ordinary(), 0xC9),
            FAILS),
        file(
            "lossless JPEG (SOF3)",
            () -> HostileJpegs.withFrameMarker(HostileJpegs.ordinary(), 0xC3),
            UNPROCESSABLE),
        file("JPEG start-of-image marker only", HostileJpegs::startOfImageOnly, UNPROCESSABLE),
        file("truncated JPEG", () -> HostileImages.truncated(HostileJpegs.ordinary(), 0.85), FAILS),
        file("2 x 300 JPEG", () -> HostileJpegs.sized(2, 300), UNPROCESSABLE),
        file("progressive JPEG", HostileJpegs::progressive, SUCCEEDS),
        file(
            "progressive JPEG with its last scan repeated 1000 times",
            () -> HostileJpegs.withLastScanRepeated(HostileJpegs.progressive(), 1000),
            FAILS),
        file("CMYK JPEG", HostileJpegs::cmyk, SUCCEEDS),
        file(
            "CMYK JPEG with its scan repeated 1000 times",
            () -> HostileJpegs.withLastScanRepeated(HostileJpegs.cmyk(), 1000),
            FAILS),
        file("greyscale JPEG", HostileJpegs::grey, SUCCEEDS),
        file(
            "JPEG followed by 100 KB of zeros",
            () -> HostileImages.withTrailing(HostileJpegs.ordinary(), new byte[100_000]),
            TRAILING_DATA),
        file(
            "JPEG start followed by an HTML page",
            () ->
                HostileImages.withTrailing(
                    Arrays.copyOf(HostileJpegs.ordinary(), 4),
                    NotImages.text("<html><script>alert(1)</script></html>")),
            UNPROCESSABLE));
  }

  private static List<HostileFile> gif() {
    return List.of(
        file("still GIF", HostileGifs::still, SUCCEEDS),
        file("animated GIF of 5000 frames", () -> HostileGifs.animated(5000), UNPROCESSABLE),
        file(
            "GIF frame declaring 65535 x 65535",
            () -> HostileGifs.frameDeclaring(65_535, 65_535),
            TOO_LARGE),
        file(
            "GIF frame declaring 7000 x 7000 with four pixels of data",
            () -> HostileGifs.frameDeclaring(7000, 7000),
            SUCCEEDS),
        file(
            "GIF screen of 65535 x 65535 around a 96 x 64 frame",
            () -> HostileGifs.screenDeclaring(65_535, 65_535),
            SUCCEEDS),
        file("interlaced GIF", HostileGifs::interlaced, SUCCEEDS),
        file("GIF with a local colour table only", HostileGifs::localColourTableOnly, SUCCEEDS),
        file("GIF with a 4 MiB comment", () -> HostileGifs.withComment(4 << 20), SUCCEEDS),
        file("GIF with LZW codes not in its table", HostileGifs::undefinedCodes, FAILS),
        file("truncated GIF", () -> HostileImages.truncated(HostileGifs.still(), 0.5), FAILS),
        file("GIF with a ZIP archive appended (GIFAR)", NotImages::gifWithZip, SUCCEEDS),
        file("GIF89a header that is a script", NotImages::gifScriptPolyglot, UNPROCESSABLE));
  }

  private static List<HostileFile> webp() {
    return List.of(
        file("lossless WebP", () -> HostileWebps.lossless(96, 64), SUCCEEDS),
        file(
            "40-byte lossless WebP of 7071 x 7071, at the pixel limit",
            () -> HostileWebps.lossless(7071, 7071),
            SUCCEEDS),
        file(
            "40-byte lossless WebP of 16384 x 16384",
            () -> HostileWebps.lossless(16_384, 16_384),
            TOO_LARGE),
        file("2 x 201 lossless WebP", () -> HostileWebps.lossless(2, 201), UNPROCESSABLE),
        file(
            "WebP lossy frame header declaring 16383 x 16383",
            () -> HostileWebps.lossyHeaderDeclaring(16_383, 16_383),
            TOO_LARGE),
        file(
            "WebP lossy frame header without frame data",
            () -> HostileWebps.lossyHeaderDeclaring(96, 64),
            UNPROCESSABLE),
        file(
            "WebP canvas of 16777216 x 16777216",
            () -> HostileWebps.canvasOnly(1 << 24, 1 << 24),
            TOO_LARGE),
        file(
            "WebP ICCP chunk declaring 2 GB",
            () -> HostileWebps.metadataDeclaring("ICCP", 0x7FFF_FFF0L),
            TOO_LARGE),
        file(
            "WebP EXIF chunk declaring 2 GB",
            () -> HostileWebps.metadataDeclaring("EXIF", 0x7FFF_FFF0L),
            TOO_LARGE),
        file(
            "WebP XMP chunk declaring 2 GB",
            () -> HostileWebps.metadataDeclaring("XMP ", 0x7FFF_FFF0L),
            TOO_LARGE),
        file(
            "WebP whose EXIF IFD links to itself",
            () -> HostileWebps.withExif(Tiffs.selfLinkedIfd()),
            SUCCEEDS),
        file("empty WebP container", HostileWebps::emptyContainer, UNPROCESSABLE),
        file(
            "WebP whose RIFF size says 4 GB",
            () -> HostileWebps.riffDeclaring(0xFFFF_FFF0L),
            SUCCEEDS),
        file("animated WebP of 3000 frames", () -> HostileWebps.animated(3000), SUCCEEDS));
  }

  private static List<HostileFile> bmp() {
    return List.of(
        file("24-bit BMP", () -> HostileBmps.uniform(96, 64, false), SUCCEEDS),
        file("top-down BMP", () -> HostileBmps.uniform(96, 64, true), SUCCEEDS),
        file("1-bit BMP", () -> HostileBmps.indexed(BufferedImage.TYPE_BYTE_BINARY), SUCCEEDS),
        file(
            "8-bit palette BMP",
            () -> HostileBmps.indexed(BufferedImage.TYPE_BYTE_INDEXED),
            SUCCEEDS),
        file("RLE8 BMP", HostileBmps::rle8, SUCCEEDS),
        file("RLE8 BMP jumping off its canvas", HostileBmps::rle8JumpingOffTheCanvas, SUCCEEDS),
        file(
            "BMP header declaring 100000 x 100000, data for 96 x 64",
            () -> HostileBmps.declaring(100_000, 100_000),
            UNPROCESSABLE),
        file("BMP of negative width", () -> HostileBmps.declaring(-96, 64), UNPROCESSABLE),
        file("BMP of 7 bits per pixel", () -> HostileBmps.withBitsPerPixel(7), UNPROCESSABLE),
        file("32-bit BMP with all-zero bit masks", HostileBmps::zeroBitfields, UNPROCESSABLE),
        file(
            "BMP wrapping a PNG, its size field saying 2 GB",
            () -> HostileBmps.embeddedPng(HostileImages.ordinary("png"), 0x7FFF_FFF0L),
            NOT_AN_IMAGE),
        file(
            "BMP wrapping a PNG whose zTXt inflates to 1 GiB",
            HostileImageCases::bmpWrappingZtxtBomb,
            NOT_AN_IMAGE),
        file(
            "BMP wrapping a JPEG",
            () -> HostileBmps.embeddedJpeg(HostileJpegs.ordinary()),
            NOT_AN_IMAGE),
        file(
            "BMP v5 colour profile declaring 2 GB",
            () -> HostileImages.bmpDeclaringProfile(0x7FFF_FFF0L),
            TOO_LARGE),
        file(
            "truncated BMP",
            () -> HostileImages.truncated(HostileImages.ordinary("bmp"), 0.5),
            FAILS),
        file("text starting with BM", NotImages::textStartingWithBm, UNPROCESSABLE));
  }

  private static List<HostileFile> notImages() {
    return List.of(
        file("zero-byte file", () -> new byte[0], NOT_AN_IMAGE),
        file("one-byte file", () -> new byte[] {(byte) 0xFF}, NOT_AN_IMAGE),
        file("plain text", () -> NotImages.text("a cat on a mat"), NOT_AN_IMAGE),
        file(
            "HTML page",
            () -> NotImages.text("<!doctype html><script>alert(1)</script>"),
            NOT_AN_IMAGE),
        file(
            "SVG with a script",
            () -> NotImages.text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
            NOT_AN_IMAGE),
        file(
            "PDF",
            () -> "%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1),
            NOT_AN_IMAGE),
        file("ZIP archive", NotImages::zip, NOT_AN_IMAGE),
        file("ELF executable", NotImages::elf, NOT_AN_IMAGE),
        file("TIFF", NotImages::tiff, NOT_AN_IMAGE),
        file("BigTIFF", NotImages::bigTiff, NOT_AN_IMAGE),
        file("HEIC", () -> NotImages.isoMedia("heic"), NOT_AN_IMAGE),
        file("AVIF", () -> NotImages.isoMedia("avif"), NOT_AN_IMAGE),
        file("JPEG XL", NotImages::jpegXl, NOT_AN_IMAGE),
        file("Windows icon", NotImages::icon, NOT_AN_IMAGE),
        file("Photoshop document", NotImages::photoshop, NOT_AN_IMAGE));
  }

  private static byte[] jpegWith(byte[] segment) {
    return HostileJpegs.withSegments(HostileJpegs.ordinary(), List.of(segment));
  }

  private static byte[] bmpWrappingZtxtBomb() {
    byte[] png = HostileImages.zTxtBomb(GIB);
    return HostileBmps.embeddedPng(png, png.length);
  }

  private static HostileFile file(String name, Supplier<byte[]> bytes, Fate fate) {
    return new HostileFile(name, bytes, fate);
  }
}
