package io.imagesearch.imaging;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.imagesearch.imaging.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * JPEG decoding and encoding through the system's libjpeg-turbo (its TurboJPEG API, bound with
 * JNA). The same library the reference pipeline's Pillow uses, with the same settings, so the
 * pixels equal ImageIO's; it is about twice as fast. Thread-safe: every call uses its own
 * decompressor handle.
 */
final class TurboJpeg {

  /** Debian and Ubuntu: {@code apt-get install libturbojpeg0}; Fedora: {@code turbojpeg}. */
  static final String INSTALL_HINT =
      "install libjpeg-turbo's TurboJPEG library (Debian/Ubuntu: apt-get install libturbojpeg0;"
          + " Fedora: dnf install turbojpeg; macOS: brew install jpeg-turbo)";

  private static final String[] LIBRARY_NAMES = {"turbojpeg", "libturbojpeg.so.0"};
  private static final int PIXEL_FORMAT_BGR = 1;
  private static final int PIXEL_FORMAT_BGRA = 8;
  private static final int SUBSAMPLING_420 = 2;
  private static final int COLORSPACE_CMYK = 3;
  private static final int COLORSPACE_YCCK = 4;
  private static final int FLAG_STOP_ON_WARNING = 8192;
  // Refuses progressive files with more than 500 scans, which cost CPU out of all proportion.
  private static final int FLAG_LIMIT_SCANS = 32768;

  private static final LoadResult LOADED = load();

  /** Images up to 4 megapixels decode into a per-thread buffer; larger ones get their own. */
  private static final long REUSED_SCRATCH_BYTES = 4L * 4_000_000;

  private static final ThreadLocal<Memory> SCRATCH = new ThreadLocal<>();

  /** The header fields the decoder needs: size and whether the colours are CMYK. */
  record Header(int width, int height, boolean cmyk) {}

  private TurboJpeg() {}

  /** The library, or empty with {@link #unavailableReason()} saying why. */
  static Optional<TurboJpeg> find() {
    return LOADED.error == null ? Optional.of(new TurboJpeg()) : Optional.empty();
  }

  static String unavailableReason() {
    return LOADED.error == null ? "" : LOADED.error;
  }

  /** The header only, for probing. */
  Header header(byte[] jpeg) {
    Pointer handle = newHandle();
    try {
      return readHeader(handle, jpeg);
    } finally {
      Functions.tjDestroy(handle);
    }
  }

  /** Checks a header's size before any pixel is decoded; throws to refuse the image. */
  @FunctionalInterface
  interface SizeCheck {
    void check(int width, int height);
  }

  private static Header readHeader(Pointer handle, byte[] jpeg) {
    int[] width = new int[1];
    int[] height = new int[1];
    int[] subsampling = new int[1];
    int[] colorspace = new int[1];
    if (Functions.tjDecompressHeader3(
            handle, jpeg, new NativeLong(jpeg.length), width, height, subsampling, colorspace)
        != 0) {
      throw corrupt(handle);
    }
    if (width[0] < 1 || height[0] < 1) {
      // A file cut off before its frame header "succeeds" with no size.
      throw corrupt("no frame header");
    }
    boolean cmyk = colorspace[0] == COLORSPACE_CMYK || colorspace[0] == COLORSPACE_YCCK;
    return new Header(width[0], height[0], cmyk);
  }

  /**
   * The pixels as stored (EXIF orientation is the caller's job), as a TYPE_INT_RGB image, after
   * {@code sizeCheck} accepted the header's size; null for CMYK files, which libjpeg-turbo cannot
   * turn into RGB. One decompressor reads the header and the pixels.
   */
  BufferedImage decode(byte[] jpeg, SizeCheck sizeCheck) {
    Pointer handle = newHandle();
    Memory scratch = null;
    long bytes = 0;
    try {
      Header header = readHeader(handle, jpeg);
      sizeCheck.check(header.width(), header.height());
      if (header.cmyk()) {
        return null;
      }
      int w = header.width();
      int h = header.height();
      // BGRA bytes on a little-endian machine are 0xAARRGGBB ints: the image's own layout.
      int[] pixels = new int[Math.multiplyExact(w, h)];
      bytes = 4L * pixels.length;
      scratch = bytes <= REUSED_SCRATCH_BYTES ? reusedScratch(bytes) : new Memory(bytes);
      int flags = FLAG_STOP_ON_WARNING | FLAG_LIMIT_SCANS;
      if (Functions.tjDecompress2(
              handle,
              jpeg,
              new NativeLong(jpeg.length),
              scratch,
              w,
              w * 4,
              h,
              PIXEL_FORMAT_BGRA,
              flags)
          != 0) {
        throw corrupt(handle);
      }
      scratch.read(0, pixels, 0, pixels.length);
      return IntRgbImages.wrap(pixels, w, h);
    } finally {
      Functions.tjDestroy(handle);
      if (bytes > REUSED_SCRATCH_BYTES) {
        scratch.close();
      }
    }
  }

  /**
   * This thread's native pixel buffer, grown as needed. Decoding straight into a Java array would
   * make JNA allocate, copy in and copy out a native twin of it on every call.
   */
  private static Memory reusedScratch(long bytes) {
    Memory scratch = SCRATCH.get();
    if (scratch == null || scratch.size() < bytes) {
      if (scratch != null) {
        scratch.close();
      }
      scratch = new Memory(bytes);
      SCRATCH.set(scratch);
    }
    return scratch;
  }

  /**
   * JPEG bytes of a {@code w x h} image given as BGR bytes (a TYPE_3BYTE_BGR raster), 4:2:0 chroma,
   * at {@code quality} on libjpeg's 1 to 100 scale.
   */
  byte[] encodeBgr(byte[] bgr, int w, int h, int quality) {
    if (bgr.length < 3L * w * h) {
      throw new IllegalArgumentException(
          "expected " + 3L * w * h + " BGR bytes, got " + bgr.length);
    }
    Pointer handle = Functions.tjInitCompress();
    if (handle == null) {
      throw new IllegalStateException("libturbojpeg could not allocate a compressor");
    }
    PointerByReference jpeg = new PointerByReference();
    NativeLongByReference size = new NativeLongByReference();
    try {
      if (Functions.tjCompress2(
              handle, bgr, w, w * 3, h, PIXEL_FORMAT_BGR, jpeg, size, SUBSAMPLING_420, quality, 0)
          != 0) {
        throw new IllegalStateException(
            "libturbojpeg could not encode: " + Functions.tjGetErrorStr2(handle));
      }
      return jpeg.getValue().getByteArray(0, Math.toIntExact(size.getValue().longValue()));
    } finally {
      if (jpeg.getValue() != null) {
        Functions.tjFree(jpeg.getValue());
      }
      Functions.tjDestroy(handle);
    }
  }

  private static Pointer newHandle() {
    Pointer handle = Functions.tjInitDecompress();
    if (handle == null) {
      throw new IllegalStateException("libturbojpeg could not allocate a decompressor");
    }
    return handle;
  }

  private static ImageRejectedException corrupt(Pointer handle) {
    return corrupt(Functions.tjGetErrorStr2(handle));
  }

  private static ImageRejectedException corrupt(String detail) {
    return new ImageRejectedException(
        Reason.CORRUPT,
        "The file starts like a JPEG image but cannot be decoded ("
            + detail
            + "): upload the complete, undamaged file.");
  }

  private record LoadResult(String error) {}

  private static LoadResult load() {
    if (!ByteOrder.nativeOrder().equals(ByteOrder.LITTLE_ENDIAN)) {
      return new LoadResult("this machine is big-endian; only little-endian is supported");
    }
    StringBuilder errors = new StringBuilder();
    for (String name : LIBRARY_NAMES) {
      try {
        Native.register(Functions.class, NativeLibrary.getInstance(name));
        return new LoadResult(null);
      } catch (LinkageError e) {
        // Missing library, a JNA stub that cannot be unpacked, or a foreign architecture.
        errors.append(errors.isEmpty() ? "" : "; ").append(e.getMessage());
      }
    }
    return new LoadResult("libturbojpeg was not found (" + errors + "): " + INSTALL_HINT);
  }

  /** The TurboJPEG 2.x functions, bound by JNA direct mapping. */
  private static final class Functions {
    private Functions() {}

    static native Pointer tjInitDecompress();

    static native int tjDecompressHeader3(
        Pointer handle,
        byte[] jpegBuf,
        NativeLong jpegSize,
        int[] width,
        int[] height,
        int[] jpegSubsamp,
        int[] jpegColorspace);

    static native int tjDecompress2(
        Pointer handle,
        byte[] jpegBuf,
        NativeLong jpegSize,
        Pointer dstBuf,
        int width,
        int pitch,
        int height,
        int pixelFormat,
        int flags);

    static native Pointer tjInitCompress();

    static native int tjCompress2(
        Pointer handle,
        byte[] srcBuf,
        int width,
        int pitch,
        int height,
        int pixelFormat,
        PointerByReference jpegBuf,
        NativeLongByReference jpegSize,
        int jpegSubsamp,
        int jpegQual,
        int flags);

    static native void tjFree(Pointer buffer);

    static native int tjDestroy(Pointer handle);

    static native String tjGetErrorStr2(Pointer handle);
  }
}
