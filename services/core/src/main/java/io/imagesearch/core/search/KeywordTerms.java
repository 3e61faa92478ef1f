package io.imagesearch.core.search;

import io.imagesearch.core.image.ImageMetadata;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words an image is found by in a keyword search, and the words of a query, split the same way
 * for every index adapter: runs of letters (with their combining marks) or digits, split again
 * where camelCase or a change between letters and digits starts a new word, lowercase, in Unicode
 * NFC. {@code IMG_2024-beachSunset.JPG} has the words {@code img 2024 beach sunset}: separators
 * such as {@code _ - .} and spaces end a word, and a file name's extension is not a word.
 */
public final class KeywordTerms {
  private KeywordTerms() {}

  /** Longer runs are no words anyone types (hashes, base64); they are left out. */
  public static final int MAX_TERM_LENGTH = 64;

  /** Words of one image kept at most, so its keyword field has a bounded size in every index. */
  public static final int MAX_IMAGE_TERMS = 200;

  /** Distinct words of one query kept at most: a long text is read for its first words. */
  public static final int MAX_QUERY_TERMS = 32;

  /**
   * English words that say nothing about an image: without them, "a cat on the sofa" does not match
   * every file named "on_the_road".
   */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
          "of", "on", "or", "the", "to", "with");

  private static final Pattern EXTENSION = Pattern.compile("\\.[\\p{Alnum}]{1,5}$");

  /** The words of an image: its file name without extension, its tags and its camera. */
  public static List<String> ofImage(ImageMetadata metadata) {
    List<String> terms = new ArrayList<>();
    split(EXTENSION.matcher(metadata.fileName()).replaceFirst(""), terms);
    metadata.tags().stream().sorted().forEach(tag -> split(tag, terms));
    metadata.camera().ifPresent(camera -> split(camera, terms));
    return terms.size() > MAX_IMAGE_TERMS ? List.copyOf(terms.subList(0, MAX_IMAGE_TERMS)) : terms;
  }

  /**
   * The distinct words of a query text, in the order they come, at most {@link #MAX_QUERY_TERMS}.
   */
  public static List<String> ofQuery(String text) {
    List<String> terms = new ArrayList<>();
    split(text, terms);
    return new LinkedHashSet<>(terms).stream().limit(MAX_QUERY_TERMS).toList();
  }

  private static void split(String text, List<String> out) {
    String normal = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder word = new StringBuilder();
    int previous = -1;
    for (int i = 0; i < normal.length(); ) {
      int c = normal.codePointAt(i);
      int next = i + Character.charCount(c);
      int following = next < normal.length() ? normal.codePointAt(next) : -1;
      if (isMark(c) && !word.isEmpty()) {
        word.appendCodePoint(c);
      } else if (Character.isLetterOrDigit(c)) {
        if (!word.isEmpty() && startsWord(previous, c, following)) {
          add(word, out);
        }
        word.appendCodePoint(c);
        previous = c;
      } else {
        add(word, out);
        previous = -1;
      }
      i = next;
    }
    add(word, out);
  }

  /**
   * Whether {@code c} begins a new word after {@code previous}: a letter after a digit or the other
   * way round, an uppercase letter after a lowercase one ({@code beachSunset}), or the last capital
   * of a run that a lowercase letter follows ({@code HTMLFile}: {@code html file}).
   */
  private static boolean startsWord(int previous, int c, int following) {
    if (previous < 0) {
      return false;
    }
    if (Character.isDigit(previous) != Character.isDigit(c)) {
      return true;
    }
    if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
      return true;
    }
    return Character.isUpperCase(c)
        && Character.isUpperCase(previous)
        && following >= 0
        && Character.isLowerCase(following);
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static void add(StringBuilder word, List<String> out) {
    if (word.isEmpty()) {
      return;
    }
    String term =
        Normalizer.normalize(word.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    word.setLength(0);
    if (term.length() <= MAX_TERM_LENGTH && !STOP_WORDS.contains(term)) {
      out.add(term);
    }
  }
}
