package io.imagesearch.operator;

import java.util.List;

/** Samples of a Prometheus text-format scrape, read the way a query would select them. */
final class PrometheusText {
  private final List<String> samples;

  PrometheusText(String scrape) {
    samples = scrape.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  /** Sum of the samples of {@code metric} whose labels contain {@code label} (name="value"). */
  double sum(String metric, String label) {
    return samples.stream()
        .filter(l -> l.startsWith(metric + "{") && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
