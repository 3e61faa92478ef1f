package io.imagesearch.clustere2e;

import java.util.Arrays;
import java.util.List;

/** Reads one cell of the table `kubectl get` prints (columns separated by two or more spaces). */
final class KubectlTable {
  private KubectlTable() {}

  static String column(String table, String rowName, String column) {
    List<String> lines = table.lines().filter(l -> !l.isBlank()).toList();
    List<String> header = Arrays.asList(lines.getFirst().trim().split("\\s{2,}"));
    int index = header.indexOf(column);
    if (index < 0) {
      throw new AssertionError("no column " + column + " in:\n" + table);
    }
    return lines.stream()
        .skip(1)
        .map(l -> l.trim().split("\\s{2,}"))
        .filter(cells -> cells[0].equals(rowName))
        .map(cells -> cells[index])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + rowName + " in:\n" + table));
  }
}
