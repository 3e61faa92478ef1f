package io.imagesearch.imaging;

import java.awt.image.BufferedImage;

/**
 * 64-bit difference hash (dHash): the image is averaged down to 9x8 grey cells and each bit says
 * whether a cell is brighter than its right neighbour. Re-encoding, resizing and small edits flip
 * few bits, so a small Hamming distance means a near-duplicate.
 */
public final class PerceptualHash {
  private PerceptualHash() {}

  /** Hashes within this many differing bits count as near-duplicates by default. */
  public static final int NEAR_DUPLICATE_DISTANCE = 10;

  public static long of(BufferedImage rgb) {
    double[][] grey = averageGrey(rgb, 9, 8);
    long hash = 0;
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        hash = (hash << 1) | (grey[y][x] > grey[y][x + 1] ? 1 : 0);
      }
    }
    return hash;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** Mean luma of each cell of a {@code cols x rows} grid laid over the image. */
  private static double[][] averageGrey(BufferedImage image, int cols, int rows) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[][] sum = new double[rows][cols];
    int[][] count = new int[rows][cols];
    int[] pixels = IntRgbImages.pixels(image);
    int[] cellOfColumn = new int[w];
    for (int x = 0; x < w; x++) {
      cellOfColumn[x] = Math.min(cols - 1, x * cols / w);
    }
    for (int y = 0; y < h; y++) {
      int cy = Math.min(rows - 1, y * rows / h);
      double[] sumRow = sum[cy];
      int[] countRow = count[cy];
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int cx = cellOfColumn[x];
        int p = pixels[row + x];
        sumRow[cx] += 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
        countRow[cx]++;
      }
    }
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        sum[y][x] = count[y][x] == 0 ? 0 : sum[y][x] / count[y][x];
      }
    }
    return sum;
  }
}
