package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example states what it requests and the node it fits, in two machine-readable comment lines
 * ({@code # requests: cpu=1250m memory=4480Mi} and {@code # fits: cpu=2 memory=8Gi}); the children
 * the operator renders for it must request exactly that, fit that node with room for one surge pod
 * of a rolling update, and pass the restricted Pod Security Standard.
 */
class ExampleRequestsTest {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Pattern REQUESTS = Pattern.compile("(?m)^# requests: (.+)$");
  private static final Pattern FITS = Pattern.compile("(?m)^# fits: (.+)$");

  static Stream<Path> examples() throws IOException {
    return Files.list(RepositoryRoot.find().resolve("examples"))
        .filter(p -> p.toString().endsWith(".yaml"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void renderedChildrenRequestWhatTheExampleStates(Path example) throws IOException {
    String text = Files.readString(example);

    assertThat(normalized(totals(pods(load(example)))))
        .as("%s: rendered requests vs its '# requests:' line", example.getFileName())
        .isEqualTo(stated(REQUESTS, text, example));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theStatedNodeHoldsTheClusterAndOneSurgePod(Path example) throws IOException {
    String text = Files.readString(example);
    ImageSearchCluster cluster = load(example);
    Map<String, BigDecimal> needed = new TreeMap<>(totals(pods(cluster)));
    // The biggest pod a rolling update adds: an API's (maxSurge 1); workers replace in place.
    Map<String, BigDecimal> surge =
        Stream.of(Component.INGEST_API, Component.SEARCH_API, Component.CDN)
            .map(
                c ->
                    requests(
                        DeploymentModel.build(cluster, c, 1).getSpec().getTemplate().getSpec()))
            .max((a, b) -> a.get("cpu").compareTo(b.get("cpu")))
            .orElseThrow();
    surge.forEach((k, v) -> needed.merge(k, v, BigDecimal::add));

    Map<String, BigDecimal> node = stated(FITS, text, example);
    needed.forEach(
        (resource, amount) ->
            assertThat(amount)
                .as(
                    "%s: %s with a surge pod on a node of %s",
                    example.getFileName(), resource, node)
                .isLessThanOrEqualTo(node.getOrDefault(resource, BigDecimal.ZERO)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyPodPassesTheRestrictedPodSecurityStandard(Path example) throws IOException {
    for (PodSpec pod : pods(load(example))) {
      assertThat(RestrictedPodSecurity.violations(pod))
          .as("%s: %s", example.getFileName(), pod.getContainers().get(0).getName())
          .isEmpty();
    }
  }

  private static ImageSearchCluster load(Path example) throws IOException {
    ImageSearchCluster cluster = YAML.readValue(example.toFile(), ImageSearchCluster.class);
    cluster.getMetadata().setNamespace("default");
    cluster.getMetadata().setUid("uid-1");
    return cluster;
  }

  /** One pod spec per replica the operator runs when idle (HPAs and worker scaling at minimum). */
  private static List<PodSpec> pods(ImageSearchCluster cluster) {
    List<PodSpec> pods = new ArrayList<>();
    for (Component component : Component.values()) {
      PodSpec pod = DeploymentModel.build(cluster, component, 1).getSpec().getTemplate().getSpec();
      for (int i = 0; i < idleReplicas(cluster, component); i++) {
        pods.add(pod);
      }
    }
    for (Dependency dependency : Dependency.values()) {
      if (dependency.inCluster(cluster)) {
        pods.add(StatefulSetModel.build(cluster, dependency).getSpec().getTemplate().getSpec());
      }
    }
    return pods;
  }

  private static int idleReplicas(ImageSearchCluster cluster, Component component) {
    if (component == Component.WORKER && cluster.getSpec().worker.autoscaling != null) {
      return cluster.getSpec().worker.autoscaling.min;
    }
    if (HpaModel.enabled(cluster, component)) {
      return HpaModel.build(cluster, component).getSpec().getMinReplicas();
    }
    return component.spec(cluster).replicas;
  }

  private static Map<String, BigDecimal> totals(List<PodSpec> pods) {
    Map<String, BigDecimal> total = new TreeMap<>();
    pods.forEach(p -> requests(p).forEach((k, v) -> total.merge(k, v, BigDecimal::add)));
    return total;
  }

  /** A pod's requests; an extended resource (GPU) set only as a limit requests that limit. */
  private static Map<String, BigDecimal> requests(PodSpec pod) {
    Map<String, BigDecimal> total = new TreeMap<>();
    for (Container c : pod.getContainers()) {
      Map<String, Quantity> requests = new TreeMap<>(c.getResources().getRequests());
      c.getResources()
          .getLimits()
          .forEach(
              (k, v) -> {
                if (k.contains("/")) {
                  requests.putIfAbsent(k, v);
                }
              });
      requests.forEach((k, v) -> total.merge(k, v.getNumericalAmount(), BigDecimal::add));
    }
    return total;
  }

  /** Amounts compared by value, so 1.25 cores equals 1250m. */
  private static Map<String, BigDecimal> normalized(Map<String, BigDecimal> amounts) {
    Map<String, BigDecimal> out = new TreeMap<>();
    amounts.forEach((k, v) -> out.put(k, v.stripTrailingZeros()));
    return out;
  }

  private static Map<String, BigDecimal> stated(Pattern line, String text, Path example) {
    Matcher m = line.matcher(text);
    assertThat(m.find()).as("%s states %s", example.getFileName(), line.pattern()).isTrue();
    Map<String, BigDecimal> stated = new TreeMap<>();
    for (String pair : m.group(1).trim().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      stated.put(kv[0], new Quantity(kv[1]).getNumericalAmount());
    }
    return normalized(stated);
  }
}
