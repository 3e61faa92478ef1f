package io.imagesearch.application;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags are short lowercase labels; anything else is refused with a message saying what is allowed.
 */
public final class Tags {
  private Tags() {}

  static final int MAX_TAGS = 20;
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]{0,39}");

  public static Set<String> parse(Collection<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String value : raw) {
      for (String part : value.split(",")) {
        String tag = part.strip().toLowerCase(Locale.ROOT);
        if (tag.isEmpty()) {
          continue;
        }
        if (!TAG.matcher(tag).matches()) {
          throw new InvalidRequestException(
              "tag \""
                  + abbreviate(tag)
                  + "\" is not allowed: use 1-40 letters, digits, '_', '.', ':'"
                  + " or '-', starting with a letter or digit");
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
