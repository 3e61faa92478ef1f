package io.imagesearch.embedded;

import java.io.PrintStream;

/** A one-line text progress bar, redrawn in place. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final int total;
  private int done;

  ProgressBar(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  void step(String detail) {
    done++;
    int filled = total == 0 ? WIDTH : done * WIDTH / total;
    out.printf(
        "\r[%s%s] %d/%d %s", "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, detail);
    out.flush();
  }

  void note(String detail) {
    out.printf("\r%-80s", detail);
    out.flush();
  }
}
