package io.imagesearch.imaging;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The EXIF fields the product uses. Missing or unreadable EXIF is normal and yields defaults. */
record ExifInfo(int orientation, Optional<Instant> takenAt, Optional<String> camera) {

  static final ExifInfo NONE = new ExifInfo(1, Optional.empty(), Optional.empty());

  /**
   * A JPEG's segments are read by the EXIF reader alone: the library's default runs a dozen readers
   * (Huffman tables, ICC, XMP, ...) whose results would be thrown away, and its large segment loop
   * keeps the JIT recompiling during an import.
   */
  private static final List<JpegSegmentMetadataReader> JPEG_READERS = List.of(new ExifReader());

  static ExifInfo read(byte[] bytes, ImageFormat format) {
    Metadata metadata;
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      metadata =
          format == ImageFormat.JPEG
              ? JpegMetadataReader.readMetadata(in, JPEG_READERS)
              : ImageMetadataReader.readMetadata(in, bytes.length);
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      return NONE;
    } catch (StackOverflowError e) {
      // metadata-extractor follows IFD links by recursion: a JPEG of 3000 chained IFDs (55 KB)
      // overflowed the stack, failing the upload and answering search by image with a 500. The
      // stack unwinds with the error; the image's EXIF is as unreadable as a damaged one.
      return NONE;
    }
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    int orientation = 1;
    Optional<String> camera = Optional.empty();
    if (ifd0 != null) {
      Integer tag = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
      orientation = tag != null && tag >= 1 && tag <= 8 ? tag : 1;
      String make = ifd0.getString(ExifIFD0Directory.TAG_MAKE);
      String model = ifd0.getString(ExifIFD0Directory.TAG_MODEL);
      String joined =
          Stream.of(make, model)
              .filter(s -> s != null && !s.isBlank())
              .map(String::strip)
              .collect(Collectors.joining(" "));
      camera = joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }
    Optional<Instant> takenAt = Optional.empty();
    if (sub != null) {
      // EXIF dates carry no zone; UTC keeps them stable across servers.
      Date date = sub.getDateOriginal(TimeZone.getTimeZone("UTC"));
      takenAt = Optional.ofNullable(date).map(Date::toInstant);
    }
    return new ExifInfo(orientation, takenAt, camera);
  }
}
