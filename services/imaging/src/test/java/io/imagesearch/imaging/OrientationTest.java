package io.imagesearch.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OrientationTest {

  /** A 3x2 image whose pixels are numbered 1..6 row by row. */
  private static BufferedImage numbered() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    int n = 1;
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        image.setRGB(x, y, n++);
      }
    }
    return image;
  }

  private static int[][] grid(BufferedImage image) {
    int[][] rows = new int[image.getHeight()][image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        rows[y][x] = image.getRGB(x, y) & 0xFFFFFF;
      }
    }
    return rows;
  }

  @Test
  void orientationSixRotatesClockwise() {
    assertThat(grid(Orientation.apply(numbered(), 6)))
        .isEqualTo(new int[][] {{4, 1}, {5, 2}, {6, 3}});
  }

  @Test
  void orientationEightRotatesCounterClockwise() {
    assertThat(grid(Orientation.apply(numbered(), 8)))
        .isEqualTo(new int[][] {{3, 6}, {2, 5}, {1, 4}});
  }

  @Test
  void orientationThreeRotatesHalfATurn() {
    assertThat(grid(Orientation.apply(numbered(), 3)))
        .isEqualTo(new int[][] {{6, 5, 4}, {3, 2, 1}});
  }

  @Test
  void mirrorsAndTranspositions() {
    assertThat(grid(Orientation.apply(numbered(), 2)))
        .isEqualTo(new int[][] {{3, 2, 1}, {6, 5, 4}});
    assertThat(grid(Orientation.apply(numbered(), 4)))
        .isEqualTo(new int[][] {{4, 5, 6}, {1, 2, 3}});
    assertThat(grid(Orientation.apply(numbered(), 5)))
        .isEqualTo(new int[][] {{1, 4}, {2, 5}, {3, 6}});
    assertThat(grid(Orientation.apply(numbered(), 7)))
        .isEqualTo(new int[][] {{6, 3}, {5, 2}, {4, 1}});
  }
}
