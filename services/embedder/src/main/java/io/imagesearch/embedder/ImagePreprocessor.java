package io.imagesearch.embedder;

import io.imagesearch.imaging.IntRgbImages;
import java.awt.image.BufferedImage;

/**
 * Turns an upright RGB image into the model's input tensor, as the reference CLIP pipeline does:
 * resize the shortest side to the model's size (Pillow bicubic), center crop, scale to [0,1],
 * normalise with the model's mean and std, channels first.
 */
public final class ImagePreprocessor {

  private final int size;
  private final CropRounding crop;

  /** The normalised value of each 8-bit sample, per channel: the same floats, looked up. */
  private final float[][] normalised = new float[3][256];

  public ImagePreprocessor(int size, float[] mean, float[] std) {
    this(size, mean, std, CropRounding.HALF_EVEN);
  }

  public ImagePreprocessor(int size, float[] mean, float[] std, CropRounding crop) {
    if (size < 1 || mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException(
          "preprocessing needs a positive size and 3 means and stds");
    }
    this.size = size;
    this.crop = crop;
    for (int channel = 0; channel < 3; channel++) {
      for (int value = 0; value < 256; value++) {
        normalised[channel][value] = (value / 255f - mean[channel]) / std[channel];
      }
    }
  }

  public int size() {
    return size;
  }

  /** Floats per image: 3 x size x size. */
  public int tensorLength() {
    return 3 * size * size;
  }

  public float[] toTensor(BufferedImage image) {
    float[] out = new float[tensorLength()];
    writeTensor(image, out, 0);
    return out;
  }

  /** Writes the CHW tensor of {@code image} into {@code out} at {@code offset}. */
  public void writeTensor(BufferedImage image, float[] out, int offset) {
    writeTensor(image, out, offset, RowLoop.SEQUENTIAL);
  }

  /** As {@link #writeTensor(BufferedImage, float[], int)}, resizing rows on {@code rowLoop}. */
  void writeTensor(BufferedImage image, float[] out, int offset, RowLoop rowLoop) {
    int[] cropped = resizeAndCrop(image, rowLoop);
    int plane = size * size;
    float[] red = normalised[0];
    float[] green = normalised[1];
    float[] blue = normalised[2];
    for (int i = 0; i < plane; i++) {
      int p = cropped[i];
      out[offset + i] = red[(p >> 16) & 0xFF];
      out[offset + plane + i] = green[(p >> 8) & 0xFF];
      out[offset + 2 * plane + i] = blue[p & 0xFF];
    }
  }

  /**
   * The long side once the short side is {@code size}. Only the center crop is computed, so its
   * size costs nothing, but it must fit an int: the decoder refuses such shapes long before.
   */
  private int resizedLongSide(int longSide, int shortSide) {
    double resized = (double) size * longSide / shortSide;
    if (resized > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a " + longSide + "x" + shortSide + " image is too elongated to resize for the model");
    }
    return (int) resized;
  }

  /** Resized and center-cropped 0xRRGGBB pixels, {@code size x size}. */
  private int[] resizeAndCrop(BufferedImage image, RowLoop rowLoop) {
    int w = image.getWidth();
    int h = image.getHeight();
    // The long side is truncated, as torchvision's Resize computes it.
    int outW = w <= h ? size : resizedLongSide(w, h);
    int outH = w <= h ? resizedLongSide(h, w) : size;
    int[] pixels = IntRgbImages.pixels(image);
    return PilBicubicResampler.resizeAndCrop(
        pixels,
        w,
        h,
        outW,
        outH,
        crop.offset(outW - size),
        crop.offset(outH - size),
        size,
        size,
        rowLoop);
  }
}
