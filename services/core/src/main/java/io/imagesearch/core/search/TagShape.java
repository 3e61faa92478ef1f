package io.imagesearch.core.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a tag is, in one place for the application that parses tags and the index adapters that
 * check them again: 1-{@value #MAX_LENGTH} letters (with their combining marks, so {@code
 * i̇stanbul} and {@code हिंदी} are tags), digits, '_', '.', ':' or '-', starting with a letter or
 * digit, lowercase and in Unicode NFC. Control, format and other invisible characters are never
 * part of a tag.
 */
public final class TagShape {
  private TagShape() {}

  public static final int MAX_LENGTH = 40;

  private static final Pattern TAG =
      Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}_.:-]{0," + (MAX_LENGTH - 1) + "}");

  /**
   * The canonical form of a tag as a user typed it: stripped, lowercased, then composed (NFC), so
   * that a decomposed {@code café} (e and U+0301) and a composed one are the same tag. Lowercasing
   * comes first because it can itself decompose ({@code İ} becomes {@code i} plus a combining dot).
   */
  public static String canonical(String raw) {
    return Normalizer.normalize(raw.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  /** Whether {@code value} is a tag in canonical form. */
  public static boolean matches(String value) {
    return value != null && TAG.matcher(value).matches();
  }
}
