package io.imagesearch.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded app and every distributed service start with the same ingest settings: what their
 * own configuration files set must not make the modes drift apart again.
 */
class BothModesSettingsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"conf/ingest-api.yml", "conf/worker.yml", "conf/search-api.yml", "conf/cdn.yml"})
  void aServiceGetsTheSameSettingsAsTheEmbeddedApp(String serviceConfig) {
    IngestSettings embedded =
        settingsFrom("services/app-embedded/src/main/resources/application.yml");

    assertThat(settingsFrom(serviceConfig)).isEqualTo(embedded);
    assertThat(embedded).isEqualTo(settingsFrom(null));
  }

  /** The settings a start with this file (or none) binds, as Spring Boot loads it. */
  private static IngestSettings settingsFrom(String file) {
    List<String> args =
        file == null
            ? List.of("--spring.config.name=none")
            : List.of("--spring.config.location=file:" + repositoryFile(file));
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(UseCaseConfiguration.Common.class)
            .web(WebApplicationType.NONE)
            .run(args.toArray(String[]::new))) {
      return context.getBean(IngestSettings.class);
    }
  }

  private static Path repositoryFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(relative);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
