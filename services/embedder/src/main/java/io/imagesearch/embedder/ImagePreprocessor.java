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
  private final float[] mean;
  private final float[] std;
  private final CropRounding crop;

  public ImagePreprocessor(int size, float[] mean, float[] std) {
    this(size, mean, std, CropRounding.HALF_EVEN);
  }

  public ImagePreprocessor(int size, float[] mean, float[] std, CropRounding crop) {
    if (size < 1 || mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException(
          "preprocessing needs a positive size and 3 means and stds");
    }
    this.size = size;
    this.mean = mean.clone();
    this.std = std.clone();
    this.crop = crop;
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
    int[] cropped = resizeAndCrop(image);
    int plane = size * size;
    for (int i = 0; i < plane; i++) {
      int p = cropped[i];
      out[offset + i] = normalise((p >> 16) & 0xFF, 0);
      out[offset + plane + i] = normalise((p >> 8) & 0xFF, 1);
      out[offset + 2 * plane + i] = normalise(p & 0xFF, 2);
    }
  }

  private float normalise(int value, int channel) {
    return (value / 255f - mean[channel]) / std[channel];
  }

  /** Resized and center-cropped 0xRRGGBB pixels, {@code size x size}. */
  int[] resizeAndCrop(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int outW;
    int outH;
    // The long side is truncated, as torchvision's Resize computes it.
    if (w <= h) {
      outW = size;
      outH = (int) ((double) size * h / w);
    } else {
      outW = (int) ((double) size * w / h);
      outH = size;
    }
    int[] pixels = IntRgbImages.pixels(image);
    int[] resized = PilBicubicResampler.resize(pixels, w, h, outW, outH);
    int left = crop.offset(outW - size);
    int top = crop.offset(outH - size);
    int[] out = new int[size * size];
    for (int y = 0; y < size; y++) {
      System.arraycopy(resized, (top + y) * outW + left, out, y * size, size);
    }
    return out;
  }
}
