package io.imagesearch.application;

import java.text.Normalizer;

/**
 * Client file names are for display only: directory parts, control characters and bidi overrides
 * are dropped, the length is bounded, and an empty result becomes "image".
 */
public final class FileNames {
  private FileNames() {}

  static final int MAX_LENGTH = 200;

  public static String sanitise(String name) {
    if (name == null) {
      return "image";
    }
    String normalised = Normalizer.normalize(name, Normalizer.Form.NFC);
    int slash = Math.max(normalised.lastIndexOf('/'), normalised.lastIndexOf('\\'));
    String base = normalised.substring(slash + 1);
    StringBuilder out = new StringBuilder();
    base.codePoints()
        .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
        .limit(MAX_LENGTH)
        .forEach(out::appendCodePoint);
    String cleaned = out.toString().strip();
    return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "image" : cleaned;
  }
}
