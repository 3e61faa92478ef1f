package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The zlib streams the hostile files are built from inflate to exactly the rows given. */
class BinaryTest {

  @Test
  void runsOfRowsInflateToThoseRowsWithAValidChecksum() throws DataFormatException {
    byte[] a = {1, 2, 3, 4, 5, 6, 7};
    byte[] b = new byte[300_000];
    b[17] = 9;

    byte[] zlib =
        Binary.deflateRows(
            new Binary.Rows(a, 1_000_003), new Binary.Rows(b, 5), new Binary.Rows(a, 1));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(Binary.repeat(a, 1_000_003));
    expected.writeBytes(Binary.repeat(b, 5));
    expected.writeBytes(a);
    assertThat(inflate(zlib)).isEqualTo(expected.toByteArray());
  }

  @Test
  void aQuarterGibibyteOfZerosTakesAFewKilobytes() throws DataFormatException {
    byte[] zlib = Binary.deflateRows(new Binary.Rows(new byte[1 << 20], 256));

    assertThat(zlib.length).isLessThan(1 << 20);
    Inflater inflater = new Inflater();
    inflater.setInput(zlib);
    byte[] sink = new byte[1 << 20];
    long total = 0;
    while (!inflater.finished()) {
      total += inflater.inflate(sink);
    }
    assertThat(total).isEqualTo(256L << 20);
  }

  /** Inflates {@code zlib}; the Inflater checks the Adler-32 at the end. */
  private static byte[] inflate(byte[] zlib) throws DataFormatException {
    Inflater inflater = new Inflater();
    inflater.setInput(zlib);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    while (!inflater.finished()) {
      int n = inflater.inflate(chunk);
      if (n == 0 && inflater.needsInput()) {
        throw new AssertionError("the stream ended before its final block");
      }
      out.write(chunk, 0, n);
    }
    assertThat(inflater.getRemaining()).isZero();
    return out.toByteArray();
  }
}
