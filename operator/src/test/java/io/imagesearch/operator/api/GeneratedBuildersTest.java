package io.imagesearch.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.builder.VisitableBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builders sundrio generates: an empty builder builds what the class's constructor makes (so a
 * test built with them means what one written by hand meant), and the generator writes nothing
 * outside the operator's packages (a {@code @BuildableReference} would regenerate fabric8's own
 * builders, such as ObjectMetaBuilder, into the operator's classes, in front of fabric8's).
 */
class GeneratedBuildersTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Stream<Class<?>> buildableClasses() {
    return Stream.concat(Stream.of(ImageSearchCluster.class), SpecClasses.buildable());
  }

  @ParameterizedTest
  @MethodSource("buildableClasses")
  void anEmptyBuilderBuildsTheClassDefaults(Class<?> type) throws ReflectiveOperationException {
    Object built =
        ((VisitableBuilder<?, ?>)
                Class.forName(type.getName() + "Builder").getConstructor().newInstance())
            .build();

    assertThat(built).isExactlyInstanceOf(type);
    assertThat(SERIALIZATION.asJson(built))
        .isEqualTo(SERIALIZATION.asJson(type.getConstructor().newInstance()));
  }

  @Test
  void nestedBuildersKeepTheDefaultsOfWhatTheyDoNotSet() {
    ImageSearchClusterSpec built =
        new ImageSearchClusterSpecBuilder()
            .withVersion("1.2.3")
            .withNewWorker()
            .withNewAutoscaling()
            .withMax(9)
            .endAutoscaling()
            .endWorker()
            .build();
    ImageSearchClusterSpec byHand = new ImageSearchClusterSpec();
    byHand.version = "1.2.3";
    byHand.worker.autoscaling = new AutoscalingSpec();
    byHand.worker.autoscaling.max = 9;

    assertThat(SERIALIZATION.asJson(built)).isEqualTo(SERIALIZATION.asJson(byHand));
  }

  @Test
  void fabric8BuildersComeFromFabric8() {
    for (Class<?> builder :
        new Class<?>[] {
          ObjectMetaBuilder.class, ResourceRequirementsBuilder.class, TolerationBuilder.class
        }) {
      assertThat(builder.getProtectionDomain().getCodeSource().getLocation().getPath())
          .as("where %s is loaded from", builder)
          .endsWith(".jar");
    }
  }

  @Test
  void everyGeneratedClassIsInTheOperatorsPackages() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            ImageSearchCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      assertThat(
              files
                  .filter(f -> f.toString().endsWith(".class"))
                  .map(f -> classes.relativize(f).toString()))
          .isNotEmpty()
          .allMatch(name -> name.startsWith("io/imagesearch/operator/"));
    }
  }
}
