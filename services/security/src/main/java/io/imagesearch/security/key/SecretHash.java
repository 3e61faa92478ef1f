package io.imagesearch.security.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is stored instead of a key's secret: SHA-256 over the key id and the secret.
 *
 * <p>A slow password hash (bcrypt, Argon2) exists to make guessing low-entropy passwords expensive.
 * These secrets are 256 random bits, so there is nothing to guess: one SHA-256 already makes a
 * leaked hash useless, and keeps every authenticated request cheap. The id is hashed in so a stored
 * hash cannot be moved to another key. Comparison runs in constant time, so response timing tells
 * nothing about how much of a guess was right.
 */
public final class SecretHash {

  private SecretHash() {}

  /** The hex SHA-256 of {@code id:secret}. */
  public static String of(PresentedKey key) {
    return HexFormat.of().formatHex(digest(key));
  }

  /** Whether {@code key} is the one whose hash is {@code storedHex}, in constant time. */
  public static boolean matches(PresentedKey key, String storedHex) {
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(storedHex);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(digest(key), stored);
  }

  private static byte[] digest(PresentedKey key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return sha256.digest(
          (key.id().value() + ":" + key.secret()).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
