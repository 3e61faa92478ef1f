package io.imagesearch.index.milvus;

import io.imagesearch.core.search.TagShape;
import java.util.regex.Pattern;

/**
 * The only scalar values that reach a Milvus expression or the index: tags and MIME types in the
 * shapes the application accepts. Both are checked on upsert too, so the index never holds a value
 * a filter could not express, and a filter value that fails the check truly matches nothing.
 */
final class FilterValues {

  /** RFC 6838 restricted names, {@code type/subtype}: no quote, backslash, space or bracket. */
  static final Pattern MIME_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  private FilterValues() {}

  static boolean isTag(String value) {
    return TagShape.matches(value);
  }

  static boolean isMimeType(String value) {
    return value != null && MIME_TYPE.matcher(value).matches();
  }
}
