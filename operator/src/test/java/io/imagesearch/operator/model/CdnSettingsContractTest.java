package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The environment the operator gives the cdn binds to the cdn's settings (relaxed binding: {@code
 * IMAGESEARCH_DELIVERY_CACHE_BYTES} is {@code imagesearch.delivery.cache-bytes}). The operator does
 * not depend on the services, so this test reads their settings' sources, and the port from
 * conf/cdn.yml.
 */
class CdnSettingsContractTest {

  private static final Path DELIVERY_SETTINGS =
      Path.of("services/delivery/src/main/java/io/imagesearch/delivery/DeliverySettings.java");
  private static final Path PLATFORM_PROPERTIES =
      Path.of(
          "services/platform-spring/src/main/java/io/imagesearch/platform/PlatformProperties.java");

  @Test
  void theDeliveryPortsVariablesAreItsSettings() throws IOException {
    String source = read(DELIVERY_SETTINGS);

    assertThat(source).contains("@ConfigurationProperties(\"imagesearch.delivery\")");
    assertThat(CdnDelivery.DELIVERY_PORT_ENV).isEqualTo("IMAGESEARCH_DELIVERY_PORT");
    assertThat(source).containsPattern(component("int", "port"));
    assertThat(CdnDelivery.DELIVERY_CACHE_ENV).isEqualTo("IMAGESEARCH_DELIVERY_CACHE_BYTES");
    assertThat(source).containsPattern(component("long", "cacheBytes"));
  }

  @Test
  void theHttpPortsCacheVariableIsItsSetting() throws IOException {
    String source = read(PLATFORM_PROPERTIES);

    assertThat(source).contains("@ConfigurationProperties(\"imagesearch\")");
    assertThat(source).containsPattern(component("Cdn", "cdn"));
    assertThat(source).containsPattern("record Cdn\\([^{;]*long cacheBytes");
    assertThat(CdnDelivery.HTTP_CACHE_ENV).isEqualTo("IMAGESEARCH_CDN_CACHE_BYTES");
  }

  @Test
  void theCdnsOwnConfigurationListensWhereTheOperatorRoutes() throws IOException {
    assertThat(read(Path.of("conf/cdn.yml")))
        .containsPattern(
            Pattern.compile(
                "^  delivery:\\n    port: " + Component.DELIVERY_PORT + "$", Pattern.MULTILINE));
  }

  /** A record component: its annotations, type and name. */
  private static Pattern component(String type, String name) {
    return Pattern.compile("(@\\w+(\\(\"?[^)]*\"?\\))?\\s+)*" + type + "\\s+" + name + "[,)]");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(RepositoryRoot.find().resolve(file));
  }
}
