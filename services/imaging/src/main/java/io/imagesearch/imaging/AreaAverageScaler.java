package io.imagesearch.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * Shrinks an RGB image by area averaging: each target pixel is the mean of the source pixels it
 * covers, edge pixels weighted by the fraction covered. One pass per axis over the packed pixel
 * array; Java2D's scaled {@code drawImage} needed several bilinear halving passes for the same
 * quality and was the slowest step of making a thumbnail. Large reductions first sum whole k x k
 * blocks in integers, which is cheaper than weighting every pixel, and average the rest.
 */
final class AreaAverageScaler {
  private AreaAverageScaler() {}

  /** A {@code TYPE_3BYTE_BGR} image (what the JPEG writer takes without converting) of the size. */
  static BufferedImage shrink(BufferedImage rgb, int targetW, int targetH) {
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    if (targetW > w || targetH > h || targetW < 1 || targetH < 1) {
      throw new IllegalArgumentException(
          "cannot shrink " + w + "x" + h + " to " + targetW + "x" + targetH);
    }
    int[] pixels = IntRgbImages.pixels(rgb);
    int kx = w / targetW;
    int ky = h / targetH;
    int k = Math.min(kx, ky);
    // Square blocks keep ordinary shapes as they always were. A thin strip, whose short side was
    // rounded up to a pixel or a few, is binned by each axis's own factor: square blocks would
    // leave arrays as long as the strip for the passes below.
    if (Math.max(kx, ky) <= 2 * Math.max(1, k)) {
      kx = k;
      ky = k;
    }
    if (kx >= 2 || ky >= 2) {
      kx = Math.max(1, kx);
      ky = Math.max(1, ky);
      pixels = binBlocks(pixels, w, h, kx, ky);
      w = ceilDiv(w, kx);
      h = ceilDiv(h, ky);
    }
    BufferedImage out = new BufferedImage(targetW, targetH, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    if (w == targetW && h == targetH) {
      // Binning alone reached the size (e.g. 640x480 to 320x240).
      for (int i = 0, o = 0; i < pixels.length; i++, o += 3) {
        int p = pixels[i];
        bgr[o] = (byte) p;
        bgr[o + 1] = (byte) (p >> 8);
        bgr[o + 2] = (byte) (p >> 16);
      }
      return out;
    }
    float[] rows = horizontal(pixels, w, h, Coverage.of(w, targetW));
    vertical(rows, targetW, Coverage.of(h, targetH), bgr);
    return out;
  }

  /** The mean of each kx x ky block (fewer pixels in the blocks of the right and bottom edges). */
  private static int[] binBlocks(int[] pixels, int w, int h, int kx, int ky) {
    int bw = ceilDiv(w, kx);
    int bh = ceilDiv(h, ky);
    int[] out = new int[bw * bh];
    // Per-column channel sums over the block's rows: a plain loop over arrays that the JIT turns
    // into vector instructions, then k columns at a time per block.
    int[] reds = new int[w];
    int[] greens = new int[w];
    int[] blues = new int[w];
    double fullBlock = 1.0 / (kx * ky);
    for (int by = 0; by < bh; by++) {
      Arrays.fill(reds, 0);
      Arrays.fill(greens, 0);
      Arrays.fill(blues, 0);
      int rowsInBlock = Math.min(ky, h - by * ky);
      for (int y = by * ky; y < by * ky + rowsInBlock; y++) {
        int row = y * w;
        for (int x = 0; x < w; x++) {
          int p = pixels[row + x];
          reds[x] += (p >> 16) & 0xFF;
          greens[x] += (p >> 8) & 0xFF;
          blues[x] += p & 0xFF;
        }
      }
      for (int bx = 0; bx < bw; bx++) {
        int from = bx * kx;
        int to = Math.min(w, from + kx);
        int r = 0;
        int g = 0;
        int b = 0;
        for (int x = from; x < to; x++) {
          r += reds[x];
          g += greens[x];
          b += blues[x];
        }
        int n = rowsInBlock * (to - from);
        double inverse = n == kx * ky ? fullBlock : 1.0 / n;
        out[by * bw + bx] =
            (roundedMean(r, n, inverse) << 16)
                | (roundedMean(g, n, inverse) << 8)
                | roundedMean(b, n, inverse);
      }
    }
    return out;
  }

  /**
   * {@code (sum + n / 2) / n} by a multiplication, which costs a fraction of an integer division:
   * adding 0.5 keeps the exact quotient at least 0.5 / n away from the next integer, far more than
   * the rounding error of the double product.
   */
  private static int roundedMean(int sum, int n, double inverse) {
    return (int) ((sum + n / 2 + 0.5) * inverse);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** Each source row averaged down to {@code columns.count} RGB float triples. */
  private static float[] horizontal(int[] pixels, int w, int h, Coverage columns) {
    int tw = columns.count();
    float[] out = new float[h * tw * 3];
    float[] reds = new float[w];
    float[] greens = new float[w];
    float[] blues = new float[w];
    int taps = columns.taps;
    float[] weights = columns.weights;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int p = pixels[row + x];
        reds[x] = (p >> 16) & 0xFF;
        greens[x] = (p >> 8) & 0xFF;
        blues[x] = p & 0xFF;
      }
      int o = y * tw * 3;
      for (int x = 0; x < tw; x++) {
        float r = 0;
        float g = 0;
        float b = 0;
        int first = columns.first[x];
        int count = columns.covered[x];
        for (int i = 0; i < count; i++) {
          float wgt = weights[x * taps + i];
          r += wgt * reds[first + i];
          g += wgt * greens[first + i];
          b += wgt * blues[first + i];
        }
        out[o++] = r;
        out[o++] = g;
        out[o++] = b;
      }
    }
    return out;
  }

  /** Averages the rows down to {@code lines.count} and writes them as BGR bytes. */
  private static void vertical(float[] rows, int tw, Coverage lines, byte[] bgr) {
    int stride = tw * 3;
    float[] acc = new float[stride];
    for (int y = 0; y < lines.count(); y++) {
      Arrays.fill(acc, 0);
      int first = lines.first[y];
      for (int i = 0; i < lines.covered[y]; i++) {
        int base = (first + i) * stride;
        float wgt = lines.weights[y * lines.taps + i];
        for (int k = 0; k < stride; k++) {
          acc[k] += wgt * rows[base + k];
        }
      }
      int o = y * stride;
      for (int k = 0; k < stride; k += 3) {
        bgr[o + k] = clampToByte(acc[k + 2]);
        bgr[o + k + 1] = clampToByte(acc[k + 1]);
        bgr[o + k + 2] = clampToByte(acc[k]);
      }
    }
  }

  /** Rounds a weighted mean of 8-bit samples, never negative, to a byte (cheaper than round). */
  private static byte clampToByte(float v) {
    return (byte) Math.min(255, (int) (v + 0.5f));
  }

  /**
   * For each target cell along one axis: the first source index it covers, how many it covers, and
   * the normalised weight of each, {@code taps} slots per cell in one flat array.
   */
  private record Coverage(int[] first, int[] covered, int taps, float[] weights) {

    int count() {
      return first.length;
    }

    static Coverage of(int sourceLength, int cells) {
      double scale = (double) sourceLength / cells;
      int taps = (int) Math.ceil(scale) + 1;
      int[] first = new int[cells];
      int[] covered = new int[cells];
      float[] weights = new float[cells * taps];
      for (int t = 0; t < cells; t++) {
        double start = t * scale;
        double end = Math.min(sourceLength, (t + 1) * scale);
        int from = (int) Math.floor(start);
        int to = Math.min(sourceLength, (int) Math.ceil(end));
        for (int s = from; s < to; s++) {
          weights[t * taps + s - from] =
              (float) ((Math.min(end, s + 1) - Math.max(start, s)) / (end - start));
        }
        first[t] = from;
        covered[t] = to - from;
      }
      return new Coverage(first, covered, taps, weights);
    }
  }
}
