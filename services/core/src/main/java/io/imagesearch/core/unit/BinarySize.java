package io.imagesearch.core.unit;

import java.util.Locale;

/**
 * A byte count as people read it in an error message, in binary units (1 KiB = 1024 bytes, as
 * Spring's {@code DataSize} settings count): {@code 512 bytes}, {@code 1.5 KiB}, {@code 10 GiB}.
 */
public final class BinarySize {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private BinarySize() {}

  public static String format(long bytes) {
    double value = bytes;
    int unit = -1;
    while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit < 0) {
      return bytes + " bytes";
    }
    String amount =
        value == Math.rint(value)
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.1f", value);
    return amount + " " + UNITS[unit];
  }
}
