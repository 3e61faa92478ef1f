package io.imagesearch.index.milvus;

import java.util.List;

/** Values written to break out of a string literal or a list, for the injection tests. */
final class HostileStrings {

  private HostileStrings() {}

  static final List<String> ALL =
      List.of(
          "\" or 1==1 or \"",
          "\\",
          "\\\"",
          "a\\\" or true or \\\"b",
          "cat\"] ) or (id != \"",
          "]",
          ")",
          "x) or (1 == 1",
          "'single' or ''=='",
          "line\nbreak\" or 1==1 or \"",
          "cr\r\ttab",
          "日本語 🐱 café",
          "\\n not a newline",
          "\"".repeat(2_000) + "\\".repeat(2_000));
}
