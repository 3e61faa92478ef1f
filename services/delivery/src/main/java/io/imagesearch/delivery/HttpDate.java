package io.imagesearch.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The end of every response head: the Date header (RFC 9110 6.6.1), formatted at most once a second
 * and shared by all connections, then the blank line; with {@code Connection: close} on the last
 * response of a connection.
 */
final class HttpDate {

  private record Formatted(long second, byte[] keepAlive, byte[] close) {}

  private final Clock clock;
  private volatile Formatted current = new Formatted(Long.MIN_VALUE, null, null);

  HttpDate(Clock clock) {
    this.clock = clock;
  }

  /** "Date: ...\r\n\r\n", or with "Connection: close\r\n" before the blank line. */
  byte[] tail(boolean close) {
    long now = clock.millis() / 1000;
    Formatted formatted = current;
    if (formatted.second() != now) {
      String date =
          "Date: "
              + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  java.time.Instant.ofEpochSecond(now).atOffset(ZoneOffset.UTC))
              + "\r\n";
      formatted =
          new Formatted(
              now,
              (date + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
              (date + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      current = formatted;
    }
    return close ? formatted.close() : formatted.keepAlive();
  }
}
