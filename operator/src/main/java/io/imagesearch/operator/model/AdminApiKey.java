package io.imagesearch.operator.model;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API key format of the services ({@code PresentedKey} in services/security): {@code isk_<16
 * hex id>_<64 hex secret>}. Copied rather than imported, as the operator does not depend on the
 * services; {@code AdminApiKeyFormatContractTest} fails when the two drift apart.
 */
public final class AdminApiKey {
  /** The services' pattern, character for character. */
  static final Pattern FORMAT = Pattern.compile("isk_([0-9a-f]{16})_([0-9a-f]{64})");

  /** What to tell a user whose own key is refused. */
  public static final String HOW_TO_MAKE_ONE =
      "isk_<16 hex>_<64 hex>, e.g. isk_$(openssl rand -hex 8)_$(openssl rand -hex 32)";

  private static final int ID_BYTES = 8;
  private static final int SECRET_BYTES = 32;
  private static final int LENGTH = "isk_".length() + 2 * ID_BYTES + 1 + 2 * SECRET_BYTES;

  private AdminApiKey() {}

  /** A new key: 64 random bits of id and 256 of secret, as the services make them. */
  static String generate(SecureRandom random) {
    byte[] id = new byte[ID_BYTES];
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(id);
    random.nextBytes(secret);
    HexFormat hex = HexFormat.of();
    return "isk_" + hex.formatHex(id) + "_" + hex.formatHex(secret);
  }

  /**
   * Why {@code value} is not a key the services accept, or empty if it is one. Never quotes the
   * value: the answer goes into the resource's status, which many more people may read.
   */
  public static Optional<String> problem(String value) {
    if (FORMAT.matcher(value).matches()) {
      return Optional.empty();
    }
    String stripped = value.strip();
    if (!stripped.equals(value) && FORMAT.matcher(stripped).matches()) {
      return Optional.of(
          "holds a key with white space around it (a trailing newline?); store it without, e.g."
              + " kubectl create secret generic NAME --from-literal=admin-api-key=isk_...");
    }
    return Optional.of(
        "does not hold an API key ("
            + value.length()
            + " characters, "
            + LENGTH
            + " expected): the services accept "
            + HOW_TO_MAKE_ONE);
  }
}
