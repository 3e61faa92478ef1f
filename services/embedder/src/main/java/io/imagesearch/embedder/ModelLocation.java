package io.imagesearch.embedder;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model comes from, parsed from one configuration string:
 *
 * <ul>
 *   <li>a local folder: {@code /models/tiny-clip} or {@code file:/models/tiny-clip};
 *   <li>an archive over https with its pinned digest: {@code
 *       https://example.org/clip.tar.gz#sha256=<64 hex>} (.tar.gz, .tgz or .zip);
 *   <li>a Hugging Face repository at a revision: {@code hf:immich-app/ViT-B-32__openai@<revision>}
 *       (revision defaults to {@code main}).
 * </ul>
 */
public sealed interface ModelLocation {

  record LocalFolder(Path path) implements ModelLocation {}

  record Archive(URI url, String sha256) implements ModelLocation {}

  record HuggingFaceRepo(String repoId, String revision) implements ModelLocation {}

  Pattern HF =
      Pattern.compile(
          "hf:([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z0-9._/-]+))?");
  Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  static ModelLocation parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the model location is empty: give a folder, an https URL or hf:<repo>");
    }
    String trimmed = value.strip();
    Matcher hf = HF.matcher(trimmed);
    if (trimmed.startsWith("hf:")) {
      if (!hf.matches()) {
        throw new IllegalArgumentException(
            "not a Hugging Face repository id: "
                + trimmed
                + " (expected hf:<owner>/<name>[@<revision>])");
      }
      return new HuggingFaceRepo(hf.group(1), Optional.ofNullable(hf.group(2)).orElse("main"));
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      URI uri = URI.create(trimmed);
      String fragment = uri.getFragment();
      if (fragment == null
          || !fragment.startsWith("sha256=")
          || !SHA256.matcher(fragment.substring(7)).matches()) {
        throw new IllegalArgumentException(
            "a model URL must pin its content: append #sha256=<64 lowercase hex> to " + trimmed);
      }
      URI withoutFragment = URI.create(trimmed.substring(0, trimmed.indexOf('#')));
      return new Archive(withoutFragment, fragment.substring(7));
    }
    if (lower.startsWith("file:")) {
      return new LocalFolder(Path.of(URI.create(trimmed)));
    }
    return new LocalFolder(Path.of(trimmed));
  }
}
