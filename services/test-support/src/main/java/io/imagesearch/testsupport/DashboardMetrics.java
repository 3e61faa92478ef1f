package io.imagesearch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The metric names observability/ queries: every dashboard panel target and every alert rule. */
public final class DashboardMetrics {
  public static final Path OBSERVABILITY = RepositoryRoot.find().resolve("observability");

  /** Series Prometheus makes itself rather than scraping them. */
  public static final Set<String> SYNTHETIC = Set.of("up");

  /**
   * Series a worker exposes only once it ran the recall gate of a change of model; the model change
   * tests check them.
   */
  public static final Set<String> AFTER_A_RECALL_GATE = Set.of("imagesearch_search_recall");

  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "sum",
          "by",
          "rate",
          "max",
          "min",
          "avg",
          "histogram_quantile",
          "deriv",
          "and",
          "or",
          "unless",
          "absent",
          "le",
          "without",
          "on",
          "ignoring",
          "count",
          "irate",
          "increase");

  private DashboardMetrics() {}

  public static Set<String> queried() {
    try {
      List<String> expressions = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
        for (Path file : files.toList()) {
          for (JsonNode panel : json.readTree(file.toFile()).path("panels")) {
            panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
          }
        }
      }
      Matcher expr =
          Pattern.compile("expr: *\\|?\\s*(.+?)(?=\\n\\s+(for|labels):)", Pattern.DOTALL)
              .matcher(Files.readString(OBSERVABILITY.resolve("alerts.yml")));
      while (expr.find()) {
        expressions.add(expr.group(1));
      }
      return names(expressions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> names(List<String> expressions) {
    Set<String> names = new HashSet<>();
    // An identifier followed by "(" is a function; grouping clauses list labels, not metrics.
    Pattern identifier = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");
    for (String expression : expressions) {
      String stripped =
          expression
              .replaceAll("\"[^\"]*\"", " ")
              .replaceAll("\\{[^}]*}", " ")
              .replaceAll("\\[[^]]*]", " ")
              .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
      Matcher m = identifier.matcher(stripped);
      while (m.find()) {
        String name = m.group(1);
        if (m.group(2) == null && !PROMQL_WORDS.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
