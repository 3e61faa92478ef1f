package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration the operator renders uses only keys the services declare in their conf/*.yml,
 * so renaming a setting on either side fails here rather than in a cluster.
 */
class ServiceConfigContractTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {"ingest-api", "worker", "search-api", "cdn"})
  void everyRenderedKeyIsAKeyOfTheService(String service) throws IOException {
    JsonNode rendered = YAML.readTree(ServiceConfig.render(TestClusters.demo().build()));
    JsonNode declared = YAML.readTree(conf(service).toFile());

    List<String> missing = new ArrayList<>();
    for (String path : leafPaths(rendered, "")) {
      if (declared.at(path).isMissingNode()) {
        missing.add(path);
      }
    }
    assertThat(missing).as("rendered keys %s lacks", service).isEmpty();
    assertThat(rendered.at("/spring/data/redis/host").asText()).isNotBlank();
    assertThat(rendered.at("/imagesearch/minio/endpoint").asText()).startsWith("http");
  }

  private static List<String> leafPaths(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    if (!node.isObject()) {
      out.add(prefix);
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.addAll(leafPaths(e.getValue(), prefix + "/" + e.getKey()));
    }
    return out;
  }

  private static Path conf(String service) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("conf").resolve(service + ".yml");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("conf/" + service + ".yml not found");
  }
}
