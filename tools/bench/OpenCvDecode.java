import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.IntRgbImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * JPEG decoding to packed RGB: OpenCV's imdecode (libjpeg-turbo) against the product's
 * ImageDecoder (ImageIO), on the same files, with the largest pixel difference. Run by
 * tools/bench/opencv-decode.sh; OpenCV is not a project dependency.
 */
public class OpenCvDecode {
  public static void main(String[] args) throws Exception {
    OpenCV.loadLocally();
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> paths = Files.list(Path.of(args[0]))) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    ImageDecoder imageIo = new ImageDecoder(DecoderLimits.DEFAULT);
    for (int pass = 1; pass <= 4; pass++) {
      long openCvNanos = 0;
      long imageIoNanos = 0;
      int maxDiff = 0;
      for (byte[] file : files) {
        long t0 = System.nanoTime();
        Mat mat = Imgcodecs.imdecode(new MatOfByte(file), Imgcodecs.IMREAD_COLOR);
        byte[] bgr = new byte[mat.cols() * mat.rows() * 3];
        mat.get(0, 0, bgr);
        mat.release();
        int[] rgb = new int[bgr.length / 3];
        for (int i = 0, j = 0; i < rgb.length; i++, j += 3) {
          rgb[i] = ((bgr[j + 2] & 255) << 16) | ((bgr[j + 1] & 255) << 8) | (bgr[j] & 255);
        }
        long t1 = System.nanoTime();
        int[] reference = IntRgbImages.pixels(imageIo.decode(file).rgb());
        long t2 = System.nanoTime();
        openCvNanos += t1 - t0;
        imageIoNanos += t2 - t1;
        for (int i = 0; i < rgb.length; i++) {
          for (int shift = 0; shift < 24; shift += 8) {
            int d = Math.abs(((rgb[i] >> shift) & 255) - ((reference[i] >> shift) & 255));
            maxDiff = Math.max(maxDiff, d);
          }
        }
      }
      System.out.printf(
          "pass %d: OpenCV %.2f ms/image, ImageDecoder (ImageIO) %.2f ms/image, max channel"
              + " difference %d%n",
          pass, openCvNanos / 1e6 / files.size(), imageIoNanos / 1e6 / files.size(), maxDiff);
    }
  }
}
