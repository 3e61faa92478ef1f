package io.imagesearch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bundled model's held-out images and their captions, for end-to-end tests. */
public final class HeldoutSet {
  private HeldoutSet() {}

  public static final Path DIR = RepositoryRoot.find().resolve("models/tiny-clip/fixtures/heldout");

  /** One held-out image file and the caption it was rendered from. */
  public record Example(Path file, String caption) {
    public byte[] bytes() {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static List<Example> all() {
    try {
      JsonNode captions = new ObjectMapper().readTree(DIR.resolve("captions.json").toFile());
      List<Example> out = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = captions.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(new Example(DIR.resolve(e.getKey()), e.getValue().asText()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code n} examples whose captions differ from each other. */
  public static List<Example> distinct(int n) {
    Set<String> seen = new HashSet<>();
    return all().stream().filter(e -> seen.add(e.caption())).limit(n).toList();
  }
}
