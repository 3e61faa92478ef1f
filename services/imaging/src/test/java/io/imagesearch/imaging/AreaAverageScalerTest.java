package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class AreaAverageScalerTest {

  @Test
  void eachTargetPixelIsTheMeanOfTheBlockItCovers() {
    // 4x2 -> 2x1: left block has red 0 and 100 (twice each), right block 200 and 255.
    int[] pixels = {0x000000, 0x640000, 0xC80000, 0xFF0000, 0x640000, 0x000000, 0xFF0000, 0xC80000};
    BufferedImage out = AreaAverageScaler.shrink(IntRgbImages.wrap(pixels, 4, 2), 2, 1);

    assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x320000); // (0+100+100+0)/4 = 50
    assertThat(out.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xE40000); // (200+255+255+200)/4 = 227.5
  }

  @Test
  void partlyCoveredPixelsCountByTheFractionCovered() {
    // 3 -> 2 columns: target 0 covers pixel 0 and half of pixel 1, target 1 the rest.
    int[] pixels = {0x0000FF, 0x000000, 0x000060};
    BufferedImage out = AreaAverageScaler.shrink(IntRgbImages.wrap(pixels, 3, 1), 2, 1);

    assertThat(out.getRGB(0, 0) & 0xFF).isEqualTo(170); // (255 * 1 + 0 * 0.5) / 1.5
    assertThat(out.getRGB(1, 0) & 0xFF).isEqualTo(64); // (0 * 0.5 + 96 * 1) / 1.5
  }

  @Test
  void aUniformImageStaysUniformAtAnyRatio() {
    int[] pixels = new int[1013 * 677];
    java.util.Arrays.fill(pixels, 0x3A7FC1);
    BufferedImage out = AreaAverageScaler.shrink(IntRgbImages.wrap(pixels, 1013, 677), 320, 214);

    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        assertThat(out.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0x3A7FC1);
      }
    }
  }

  @Test
  void largeReductionsAverageWholeBlocksIncludingTheRaggedEdge() {
    // 5x2 -> 2x1 bins by 2: blocks {10, 20}, {30, 40} and the edge {50} (two rows each), then
    // 3 -> 2 columns by area.
    int[] pixels = {10, 20, 30, 40, 50, 10, 20, 30, 40, 50};
    BufferedImage out = AreaAverageScaler.shrink(IntRgbImages.wrap(pixels, 5, 2), 2, 1);

    // Block means 15, 35, 50; target 0 = (15 + 35 / 2) / 1.5 = 21.67, target 1 = (35 / 2 + 50) /
    // 1.5.
    assertThat(out.getRGB(0, 0) & 0xFF).isEqualTo(22);
    assertThat(out.getRGB(1, 0) & 0xFF).isEqualTo(45);
  }

  @Test
  void refusesToEnlarge() {
    BufferedImage small = IntRgbImages.wrap(new int[4], 2, 2);

    assertThatThrownBy(() -> AreaAverageScaler.shrink(small, 3, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
