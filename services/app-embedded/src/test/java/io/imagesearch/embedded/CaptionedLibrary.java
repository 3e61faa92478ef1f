package io.imagesearch.embedded;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.testsupport.HeldoutSet;
import io.imagesearch.testsupport.HostileImages;
import io.imagesearch.testsupport.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * A library larger than the held-out set: its 200 captioned images and copies of them with one
 * pixel changed (other bytes, so other ids, and the same caption), and golden queries from the
 * captions.
 */
final class CaptionedLibrary {

  /** One image with the caption it was drawn from. */
  record Image(String fileName, byte[] bytes, String caption) {
    ImageId id() {
      return ImageId.of(bytes);
    }

    Http.FilePart part() {
      return new Http.FilePart(fileName, "image/png", bytes);
    }
  }

  private CaptionedLibrary() {}

  /** The held-out images, then a copy of each of the first {@code copies} with a pixel changed. */
  static List<Image> images(int copies, int tweak) {
    List<HeldoutSet.Example> examples = HeldoutSet.all();
    List<Image> images = new ArrayList<>();
    if (tweak == 0) {
      for (HeldoutSet.Example e : examples) {
        images.add(new Image(e.file().getFileName().toString(), e.bytes(), e.caption()));
      }
    }
    for (int i = 0; i < copies; i++) {
      HeldoutSet.Example e = examples.get(i % examples.size());
      images.add(
          new Image(
              "copy-" + tweak + "-" + i + ".png",
              withPixelChanged(e.bytes(), 1 + tweak),
              e.caption()));
    }
    return images;
  }

  /** The first {@code n} distinct captions, each with every image of the library drawn from it. */
  static Map<String, List<ImageId>> golden(List<Image> library, int n) {
    Map<String, List<ImageId>> byCaption =
        library.stream()
            .collect(
                Collectors.groupingBy(
                    Image::caption,
                    LinkedHashMap::new,
                    Collectors.mapping(Image::id, Collectors.toList())));
    Map<String, List<ImageId>> golden = new LinkedHashMap<>();
    byCaption.entrySet().stream().limit(n).forEach(e -> golden.put(e.getKey(), e.getValue()));
    return golden;
  }

  /** Writes golden queries as the app reads them: query text to a list of image ids. */
  static void writeGolden(Path file, Map<String, List<ImageId>> golden) throws IOException {
    String json =
        golden.entrySet().stream()
            .map(
                e ->
                    "\""
                        + e.getKey().replace("\"", "\\\"")
                        + "\": ["
                        + e.getValue().stream()
                            .map(id -> "\"" + id.hex() + "\"")
                            .collect(Collectors.joining(", "))
                        + "]")
            .collect(Collectors.joining(",\n  ", "{\n  ", "\n}\n"));
    Files.writeString(file, json);
  }

  private static byte[] withPixelChanged(byte[] png, int delta) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      BufferedImage copy =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      copy.getGraphics().drawImage(image, 0, 0, null);
      int rgb = copy.getRGB(0, 0);
      copy.setRGB(0, 0, rgb ^ delta);
      return HostileImages.encode(copy, "png");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
