package io.imagesearch.embedded;

import java.io.PrintStream;

/**
 * Progress of a long run: a bar redrawn in place on a terminal, a plain line every 5% otherwise
 * (logs and pipes get no carriage returns).
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final int total;
  private final boolean interactive;
  private int done;
  private int lastPercent = -1;

  ProgressBar(PrintStream out, int total) {
    this.out = out;
    this.total = total;
    this.interactive = System.console() != null;
  }

  void step(String detail) {
    done++;
    int percent = total == 0 ? 100 : done * 100 / total;
    if (interactive) {
      int filled = percent * WIDTH / 100;
      out.printf(
          "\r[%s%s] %d/%d %s", "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, detail);
    } else if (percent / 5 != lastPercent / 5 || done == total) {
      out.printf("progress %d/%d (%d%%): %s%n", done, total, percent, detail);
    }
    lastPercent = percent;
    out.flush();
  }

  void note(String detail) {
    if (interactive) {
      out.printf("\r%-80s", detail);
    } else {
      out.println(detail);
    }
    out.flush();
  }
}
