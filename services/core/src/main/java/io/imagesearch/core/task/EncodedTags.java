package io.imagesearch.core.task;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A task's tags as one string, for adapters that store them in a single text field. URL-encoding
 * leaves no bare comma or newline inside a tag, so a comma ends each one; ending rather than
 * separating keeps a lone empty tag distinct from no tags.
 */
public final class EncodedTags {
  private EncodedTags() {}

  public static String encode(Set<String> tags) {
    return tags.stream()
        .map(tag -> URLEncoder.encode(tag, StandardCharsets.UTF_8) + ",")
        .sorted()
        .collect(Collectors.joining());
  }

  public static Set<String> decode(String encoded) {
    if (encoded.isEmpty()) {
      return Set.of();
    }
    if (!encoded.endsWith(",")) {
      throw new IllegalArgumentException("tags must end with a comma: " + encoded);
    }
    return Arrays.stream(encoded.substring(0, encoded.length() - 1).split(",", -1))
        .map(tag -> URLDecoder.decode(tag, StandardCharsets.UTF_8))
        .collect(Collectors.toUnmodifiableSet());
  }
}
