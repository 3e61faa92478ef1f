package io.imagesearch.clustere2e;

import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's examples/, as a user edits them for images they built themselves. */
final class Examples {
  private static final Pattern VERSION = Pattern.compile("(?m)^(  version: )\"[^\"]*\"");

  private Examples() {}

  /** The example with its `spec.version` (the services' image tag) replaced. */
  static String withVersion(String path, String version) {
    try {
      String text = Files.readString(RepositoryRoot.find().resolve(path));
      Matcher m = VERSION.matcher(text);
      if (!m.find()) {
        throw new IllegalStateException(path + " has no `  version: \"...\"` line");
      }
      return m.replaceFirst("$1\"" + version + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
