package io.imagesearch.embedded.bench;

import com.drew.imaging.ImageMetadataReader;
import io.imagesearch.embedder.ImagePreprocessor;
import io.imagesearch.imaging.DecodedImage;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.PerceptualHash;
import io.imagesearch.imaging.Thumbnailer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Where the Java image path spends its time, per image and per step, on a folder of images: the
 * steps {@code ImageDecoder.decode} is made of (ImageIO pixels, EXIF parse, conversion to INT_RGB),
 * the whole {@code decode}, the model preprocessing and, for ingest, the thumbnail and perceptual
 * hash. Several passes over the same files: pass 1 is cold (JIT), the last is warm. Not a test: a
 * benchmark main.
 *
 * <p>Usage: DecodeBreakdown IMAGES_DIR [PASSES] [MODEL_IMAGE_SIZE]. Prints JSON (mean ms per
 * image).
 */
public final class DecodeBreakdown {

  private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    List<Path> files;
    try (Stream<Path> paths = Files.walk(dir)) {
      files =
          paths
              .filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|webp|bmp|gif)$"))
              .sorted()
              .toList();
    }
    ImageDecoder decoder = new ImageDecoder(DecoderLimits.DEFAULT);
    ImagePreprocessor preprocessor = new ImagePreprocessor(size, MEAN, STD);
    Thumbnailer thumbnailer = Thumbnailer.defaults();
    StringBuilder json = new StringBuilder("{\n  \"images\": " + files.size() + ",\n");
    json.append("  \"model_image_size\": ").append(size).append(",\n");
    json.append("  \"java\": \"").append(Runtime.version()).append("\",\n");
    Iterator<ImageReader> jpeg = ImageIO.getImageReadersByFormatName("jpg");
    json.append("  \"jpeg_reader\": \"")
        .append(jpeg.hasNext() ? jpeg.next().getClass().getName() : "none")
        .append("\",\n");
    json.append("  \"passes\": [\n");
    for (int pass = 1; pass <= passes; pass++) {
      Map<String, Long> nanos = new LinkedHashMap<>();
      long pixels = 0;
      for (Path file : files) {
        long t0 = System.nanoTime();
        byte[] bytes = Files.readAllBytes(file);
        long t1 = System.nanoTime();
        BufferedImage raw = imageIoPixels(bytes);
        long t2 = System.nanoTime();
        ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        long t3 = System.nanoTime();
        int w = raw.getWidth();
        int h = raw.getHeight();
        int[] argb = raw.getRGB(0, 0, w, h, null, 0, w);
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, w, h, argb, 0, w);
        long t4 = System.nanoTime();
        DecodedImage decoded = decoder.decode(bytes);
        long t5 = System.nanoTime();
        decoded.rgb().getRGB(0, 0, w, h, null, 0, w);
        long t6 = System.nanoTime();
        preprocessor.toTensor(decoded.rgb());
        long t7 = System.nanoTime();
        Thumbnailer.Thumbnail thumbnail = thumbnailer.make(decoded.rgb());
        long t8 = System.nanoTime();
        // As the ingest worker does: the hash of the thumbnail's pixels.
        PerceptualHash.of(thumbnail.image());
        long t9 = System.nanoTime();
        pixels += (long) w * h;
        nanos.merge("read_file", t1 - t0, Long::sum);
        nanos.merge("imageio_read_pixels", t2 - t1, Long::sum);
        nanos.merge("exif_metadata_extractor", t3 - t2, Long::sum);
        nanos.merge("getRGB_setRGB_to_INT_RGB", t4 - t3, Long::sum);
        nanos.merge("ImageDecoder_decode_total", t5 - t4, Long::sum);
        nanos.merge("preprocess_getRGB_only", t6 - t5, Long::sum);
        nanos.merge("preprocess_total", t7 - t6, Long::sum);
        nanos.merge("thumbnail_jpeg", t8 - t7, Long::sum);
        nanos.merge("perceptual_hash_of_thumbnail", t9 - t8, Long::sum);
      }
      json.append("    {\"pass\": ").append(pass);
      json.append(", \"mean_megapixels\": ")
          .append(Math.round(pixels / (double) files.size() / 1e4) / 100.0);
      for (Map.Entry<String, Long> e : nanos.entrySet()) {
        double ms = e.getValue() / 1e6 / files.size();
        json.append(", \"").append(e.getKey()).append("_ms\": ");
        json.append(Math.round(ms * 1000) / 1000.0);
      }
      json.append(pass < passes ? "},\n" : "}\n");
    }
    System.out.println(json.append("  ]\n}"));
  }

  /** The pixel read as ImageDecoder does it: the format's reader over an in-memory stream. */
  private static BufferedImage imageIoPixels(byte[] bytes) throws Exception {
    try (MemoryCacheImageInputStream in =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, false);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }
}
