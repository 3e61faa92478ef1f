package io.imagesearch.application;

import io.imagesearch.core.search.TagShape;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tags are short lowercase labels ({@link TagShape}); anything else is refused with a message
 * saying what is allowed.
 */
public final class Tags {
  private Tags() {}

  public static final int MAX_TAGS = 20;

  public static Set<String> parse(Collection<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String value : raw) {
      for (String part : value.split(",")) {
        String tag = TagShape.canonical(part);
        if (tag.isEmpty()) {
          continue;
        }
        if (!TagShape.matches(tag)) {
          throw new InvalidRequestException(
              "tag \""
                  + abbreviate(tag)
                  + "\" is not allowed: use 1-"
                  + TagShape.MAX_LENGTH
                  + " letters (accents and other combining marks included), digits, '_', '.',"
                  + " ':' or '-', starting with a letter or digit");
        }
        tags.add(tag);
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw new InvalidRequestException(
          "at most " + MAX_TAGS + " tags per image, got " + tags.size());
    }
    return Set.copyOf(tags);
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
