package io.imagesearch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload with 507 Insufficient Storage when storing it would leave less free space than
 * a floor on the disk that holds the data, before its body is read: a full disk would fail every
 * write of the app, its index and queue included, not only the upload. The app registers it on its
 * upload routes; a POST there is checked with its declared length, and any other method passes.
 */
public final class FreeDiskSpaceFilter extends OncePerRequestFilter {

  private final LongSupplier usableBytes;
  private final long minFreeBytes;
  private final String setting;

  /**
   * @param folder where the data is written; the free space of its file system is checked
   * @param minFreeBytes the floor
   * @param setting the configuration key of the floor, named in the refusal
   */
  public FreeDiskSpaceFilter(Path folder, long minFreeBytes, String setting) {
    this(() -> usableSpace(folder), minFreeBytes, setting);
  }

  FreeDiskSpaceFilter(LongSupplier usableBytes, long minFreeBytes, String setting) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException(setting + " must not be negative, got " + minFreeBytes);
    }
    this.usableBytes = usableBytes;
    this.minFreeBytes = minFreeBytes;
    this.setting = setting;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    long free = usableBytes.getAsLong();
    long incoming = Math.max(0, request.getContentLengthLong());
    if (free - incoming < minFreeBytes) {
      ProblemDetail problem =
          Problems.of(
              HttpStatus.INSUFFICIENT_STORAGE,
              "insufficient-storage",
              String.format(
                  Locale.ROOT,
                  "the server's disk has %s free; storing this upload (%s) would leave less than"
                      + " the %s it keeps free (%s). Nothing was stored: ask the administrator to"
                      + " free space, then upload again.",
                  size(free),
                  size(incoming),
                  size(minFreeBytes),
                  setting));
      ProblemErrorController.refuse(request, response, problem);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Binary units, as the settings take them: 1 KB is 1024 bytes. */
  static String size(long bytes) {
    String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static long usableSpace(Path folder) {
    try {
      Files.createDirectories(folder);
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the free space of " + folder, e);
    }
  }
}
