package io.imagesearch.wiring;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.GoldenQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user's golden queries: a JSON object from query text to the ids of the images it should find,
 * e.g. {@code {"a red bicycle": ["<64 hex>", "<64 hex>"]}}. Read again at each evaluation of the
 * gate, so an edited file counts at the next one. No file means no golden queries; a file that
 * cannot be read is an error that says what is wrong in it.
 */
public final class GoldenQueriesFile implements Supplier<List<GoldenQuery>> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;

  public GoldenQueriesFile(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  @Override
  public List<GoldenQuery> get() {
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw new IllegalArgumentException(
          "the golden queries file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw invalid("it must be a JSON object from query text to a list of image ids");
    }
    List<GoldenQuery> queries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      JsonNode ids = entry.getValue();
      if (!ids.isArray() || ids.isEmpty()) {
        throw invalid("\"" + entry.getKey() + "\" must name a non-empty list of image ids");
      }
      Set<ImageId> expected = new LinkedHashSet<>();
      for (JsonNode id : ids) {
        expected.add(
            ImageId.parse(id.asString(""))
                .orElseThrow(
                    () ->
                        invalid(
                            "\""
                                + entry.getKey()
                                + "\" names "
                                + id
                                + ", which is not an image id (64 lowercase hex characters)")));
      }
      queries.add(new GoldenQuery(entry.getKey(), expected));
    }
    return List.copyOf(queries);
  }

  private IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("the golden queries file " + file + " is invalid: " + why);
  }
}
