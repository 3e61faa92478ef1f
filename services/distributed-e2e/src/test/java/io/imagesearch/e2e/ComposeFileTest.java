package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.ServerBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid for Debian's docker-compose and runs the whole platform. */
class ComposeFileTest {

  @Test
  void composeFileIsValidAndDeclaresEveryService() throws Exception {
    Path compose =
        ServerBinary.resolve(
                "docker-compose", "DOCKER_COMPOSE_BIN", Path.of("/usr/bin/docker-compose"))
            .require();
    Path file = RepositoryRoot.find().resolve("docker-compose.yml");

    Process check =
        new ProcessBuilder(compose.toString(), "-f", file.toString(), "config", "--services")
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(check.exitValue()).as(output).isZero();
    assertThat(output.lines().toList())
        .containsAll(
            List.of(
                "ingest-api",
                "worker",
                "search-api",
                "cdn",
                "redis",
                "minio",
                "milvus",
                "prometheus",
                "grafana"));
  }

  @Test
  void composeRunsTheImagesTheBuildMakes() throws Exception {
    Path root = RepositoryRoot.find();
    String compose = Files.readString(root.resolve("docker-compose.yml"));
    String registry = property(root.resolve("pom.xml"), "image.registry");
    for (String service : List.of("ingest-api", "worker", "search-api", "cdn")) {
      // Jib's <image.registry>/<image.name>:<image.tag>, the tag defaulting to the version.
      String name = property(root.resolve("services/" + service + "/pom.xml"), "image.name");
      assertThat(compose)
          .contains("image: " + registry + "/" + name + ":${IMAGESEARCH_VERSION:-0.1.0-SNAPSHOT}");
    }
  }

  private static String property(Path pom, String name) throws Exception {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
    assertThat(m.find()).as(name + " in " + pom).isTrue();
    return m.group(1);
  }
}
