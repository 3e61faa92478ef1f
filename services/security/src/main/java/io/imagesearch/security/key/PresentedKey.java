package io.imagesearch.security.key;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as clients hold it: {@code isk_<16 hex id>_<64 hex secret>}. The fixed prefix and
 * shape let logs, reviewers and secret scanners recognise a leaked key; the id lets the server find
 * the stored hash without scanning. {@link #toString} never shows the secret.
 */
public record PresentedKey(ApiKeyId id, String secret) {

  public static final String PREFIX = "isk_";

  private static final Pattern FORMAT = Pattern.compile("isk_([0-9a-f]{16})_([0-9a-f]{64})");

  /** Longest text worth matching; anything longer is malformed without running the pattern. */
  private static final int LENGTH = PREFIX.length() + 16 + 1 + 64;

  /** 256 random bits: far beyond guessing, which is what lets a fast hash protect it at rest. */
  private static final int SECRET_BYTES = 32;

  /** The key in {@code text}, or empty if it is not shaped like one. */
  public static Optional<PresentedKey> parse(String text) {
    if (text == null || text.length() != LENGTH) {
      return Optional.empty();
    }
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new PresentedKey(new ApiKeyId(matcher.group(1)), matcher.group(2)));
  }

  static PresentedKey random(SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new PresentedKey(ApiKeyId.random(random), HexFormat.of().formatHex(secret));
  }

  /** The full key, to hand to its owner once. */
  public String value() {
    return PREFIX + id.value() + "_" + secret;
  }

  @Override
  public String toString() {
    return PREFIX + id.value() + "_<secret>";
  }
}
