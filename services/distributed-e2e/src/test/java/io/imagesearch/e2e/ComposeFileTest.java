package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.RepositoryRoot;
import io.imagesearch.testsupport.ServerBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
}
