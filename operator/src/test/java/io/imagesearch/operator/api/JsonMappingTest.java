package io.imagesearch.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the fabric8 client's Jackson mapper (the one the operator reads resources with and JOSDK
 * clones them with) maps the CRD classes. Every YAML the project ships or tests with, read and
 * written back, must give exactly its committed snapshot and keep every value it had; a resource
 * holding every property of the CRD schema must come back unchanged. A change to the classes that
 * renames, adds or drops a JSON property, changes which nulls or defaults are written, or turns a
 * helper method into a property fails here.
 *
 * <p>The snapshots (src/test/resources/json-mapping) are rewritten with {@code
 * -Djson-mapping.write=true}; a rewrite that changes them changes what the operator reads and
 * writes.
 */
class JsonMappingTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String CRD = "crds/imagesearchclusters.imagesearch.io-v1.yml";
  private static final Path SNAPSHOTS = Path.of("operator/src/test/resources/json-mapping");
  private static final boolean WRITE = Boolean.getBoolean("json-mapping.write");

  /** The examples users apply and the resources the integration tests send. */
  static Stream<Path> resources() throws IOException {
    Path root = RepositoryRoot.find();
    return Stream.of("examples", "operator/src/test/resources/fixtures")
        .flatMap(dir -> yamlFiles(root.resolve(dir)))
        .map(root::relativize);
  }

  @ParameterizedTest
  @MethodSource("resources")
  void aResourceReadAndWrittenBackGivesItsSnapshot(Path resource) throws IOException {
    JsonNode written = writtenBack(read(resource));

    assertThat(written).isEqualTo(snapshot(snapshotName(resource), written));
  }

  @ParameterizedTest
  @MethodSource("resources")
  void everyValueOfAResourceSurvivesReadingAndWritingBack(Path resource) throws IOException {
    JsonNode input = YAML.readTree(RepositoryRoot.find().resolve(resource).toFile());

    assertThat(missing(input, writtenBack(read(resource)), "")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("resources")
  void aSecondRoundTripChangesNothing(Path resource) throws IOException {
    ImageSearchCluster once = SERIALIZATION.clone(read(resource));

    assertThat(writtenBack(SERIALIZATION.clone(once))).isEqualTo(writtenBack(once));
  }

  @Test
  void aSpecBuiltInJavaWithItsDefaultsGivesItsSnapshot() throws IOException {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.getMetadata().setName("defaults");
    cluster.setSpec(new ImageSearchClusterSpec());
    cluster.getSpec().version = "1.0.0";
    JsonNode written = writtenBack(cluster);

    assertThat(written).isEqualTo(snapshot("java-defaults.json", written));
  }

  @Test
  void aResourceWithEverySchemaPropertyComesBackUnchanged() throws IOException {
    JsonNode schema =
        YAML.readTree(RepositoryRoot.find().resolve(CRD).toFile())
            .at("/spec/versions/0/schema/openAPIV3Schema");
    ObjectNode everything = (ObjectNode) instanceOf(schema);
    everything.put("apiVersion", ImageSearchCluster.GROUP + "/" + ImageSearchCluster.VERSION);
    everything.put("kind", "ImageSearchCluster");
    everything.putObject("metadata").put("name", "everything").put("namespace", "ns");
    JsonNode input = JSON.readTree(JSON.writeValueAsString(everything));

    ImageSearchCluster read =
        SERIALIZATION.unmarshal(JSON.writeValueAsString(input), ImageSearchCluster.class);

    assertThat(writtenBack(read)).isEqualTo(input);
  }

  private static ImageSearchCluster read(Path resource) throws IOException {
    try (InputStream in = Files.newInputStream(RepositoryRoot.find().resolve(resource))) {
      return SERIALIZATION.unmarshal(in, ImageSearchCluster.class);
    }
  }

  private static JsonNode writtenBack(ImageSearchCluster cluster) throws IOException {
    return JSON.readTree(SERIALIZATION.asJson(cluster));
  }

  /** examples/minimal.yaml: examples-minimal.json. */
  private static String snapshotName(Path resource) {
    return resource.getParent().getFileName()
        + "-"
        + resource.getFileName().toString().replaceAll("\\.ya?ml$", ".json");
  }

  private static JsonNode snapshot(String name, JsonNode written) throws IOException {
    Path file = RepositoryRoot.find().resolve(SNAPSHOTS).resolve(name);
    if (WRITE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(written) + "\n");
    }
    assertThat(file).as("snapshot; write it with -Djson-mapping.write=true").exists();
    return JSON.readTree(file.toFile());
  }

  /** The paths of input whose value the output lacks or holds differently. */
  private static List<String> missing(JsonNode input, JsonNode output, String path) {
    List<String> missing = new ArrayList<>();
    if (input.isObject() && output.isObject()) {
      for (Map.Entry<String, JsonNode> field : input.properties()) {
        String at = path + "/" + field.getKey();
        JsonNode out = output.get(field.getKey());
        if (out == null) {
          missing.add(at);
        } else {
          missing.addAll(missing(field.getValue(), out, at));
        }
      }
    } else if (input.isArray() && output.isArray() && input.size() == output.size()) {
      for (int i = 0; i < input.size(); i++) {
        missing.addAll(missing(input.get(i), output.get(i), path + "/" + i));
      }
    } else if (!sameScalar(input, output)) {
      missing.add(path + ": " + input + " became " + output);
    }
    return missing;
  }

  /** Equal values; YAML reads 8Gi or 2 as the text or number the client then writes. */
  private static boolean sameScalar(JsonNode input, JsonNode output) {
    return input.equals(output) || (input.isValueNode() && input.asText().equals(output.asText()));
  }

  /** A value for a schema with every property, map and list filled in. */
  private static JsonNode instanceOf(JsonNode schema) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (schema.has("properties")) {
      ObjectNode object = nodes.objectNode();
      schema
          .get("properties")
          .properties()
          .forEach(p -> object.set(p.getKey(), instanceOf(p.getValue())));
      return object;
    }
    if (schema.has("additionalProperties")) {
      return nodes.objectNode().set("key", instanceOf(schema.get("additionalProperties")));
    }
    if (schema.has("x-kubernetes-int-or-string")) {
      return nodes.textNode("3");
    }
    if (schema.has("enum")) {
      ArrayNode values = (ArrayNode) schema.get("enum");
      // The last value: the first is often the Java default, which would prove nothing.
      return values.get(values.size() - 1);
    }
    return switch (schema.path("type").asText()) {
      case "array" -> nodes.arrayNode().add(instanceOf(schema.get("items")));
      case "boolean" -> nodes.booleanNode(true);
      case "integer" -> nodes.numberNode(schema.path("minimum").asInt(0) + 7);
      case "number" -> nodes.numberNode(7.5);
      case "string" -> nodes.textNode("text");
      default -> throw new IllegalArgumentException("no value for schema " + schema);
    };
  }

  private static Stream<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList().stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
