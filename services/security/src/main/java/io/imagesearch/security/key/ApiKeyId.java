package io.imagesearch.security.key;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The public part of an API key: 16 lower-case hex digits (64 random bits), safe to log and to show
 * in listings. It names the key; only the secret proves possession.
 */
public record ApiKeyId(String value) {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");

  public ApiKeyId {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "an API key id is 16 lower-case hex digits, got \"" + abbreviate(value) + "\"");
    }
  }

  public static boolean isValid(String value) {
    return value != null && FORMAT.matcher(value).matches();
  }

  static ApiKeyId random(SecureRandom random) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return new ApiKeyId(HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
