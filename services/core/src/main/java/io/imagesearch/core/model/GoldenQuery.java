package io.imagesearch.core.model;

import io.imagesearch.core.image.ImageId;
import java.util.Set;

/**
 * A query of the user's own with the images it should find: the recall gate measures how many of
 * them each model finds among its first results.
 */
public record GoldenQuery(String text, Set<ImageId> expected) {

  public GoldenQuery {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a golden query needs a text");
    }
    if (expected == null || expected.isEmpty()) {
      throw new IllegalArgumentException(
          "the golden query \"" + text + "\" names no image it should find");
    }
    expected = Set.copyOf(expected);
  }
}
