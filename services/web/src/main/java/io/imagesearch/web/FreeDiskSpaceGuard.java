package io.imagesearch.web;

import io.imagesearch.core.unit.BinarySize;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses an upload with 507 Insufficient Storage when storing it would leave less free space than
 * a floor on the disk that holds the data: a full disk would fail every write of the app, its index
 * and queue included, not only the upload. It runs once the request is authenticated (a caller
 * without a key learns nothing of the disk) and before the controller, so nothing of a refused
 * upload is stored. The app registers it on its upload routes; a POST there is checked with its
 * declared length, any other method passes.
 */
public final class FreeDiskSpaceGuard implements HandlerInterceptor {

  private final LongSupplier usableBytes;
  private final long minFreeBytes;
  private final String setting;

  /**
   * @param folder where the data is written; the free space of its file system is checked
   * @param minFreeBytes the floor
   * @param setting the configuration key of the floor, named in the refusal
   */
  public FreeDiskSpaceGuard(Path folder, long minFreeBytes, String setting) {
    this(() -> usableSpace(folder), minFreeBytes, setting);
  }

  FreeDiskSpaceGuard(LongSupplier usableBytes, long minFreeBytes, String setting) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException(setting + " must not be negative, got " + minFreeBytes);
    }
    this.usableBytes = usableBytes;
    this.minFreeBytes = minFreeBytes;
    this.setting = setting;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!"POST".equals(request.getMethod())) {
      return true;
    }
    long free = usableBytes.getAsLong();
    long incoming = Math.max(0, request.getContentLengthLong());
    if (free - incoming < minFreeBytes) {
      throw new InsufficientStorageException(
          String.format(
              Locale.ROOT,
              "the server's disk has %s free; storing this upload (%s) would leave less than the"
                  + " %s it keeps free (%s). Nothing was stored: ask the administrator to free"
                  + " space, then upload again.",
              BinarySize.format(free),
              BinarySize.format(incoming),
              BinarySize.format(minFreeBytes),
              setting));
    }
    return true;
  }

  private static long usableSpace(Path folder) {
    try {
      Files.createDirectories(folder);
      return Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the free space of " + folder, e);
    }
  }

  /** The disk is too full to store the upload. */
  public static final class InsufficientStorageException extends RuntimeException {
    InsufficientStorageException(String message) {
      super(message);
    }
  }
}
