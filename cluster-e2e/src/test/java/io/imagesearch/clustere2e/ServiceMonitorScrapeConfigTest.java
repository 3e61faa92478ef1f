package io.imagesearch.clustere2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.model.MonitoringModel;
import io.imagesearch.testsupport.ServerBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceMonitorScrapeConfigTest {
  @Test
  void theRenderedConfigurationPassesPromtoolAndScrapesTheMonitorsPath(@TempDir Path dir)
      throws Exception {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("demo").build());
    cluster.setSpec(new ImageSearchClusterSpec());
    cluster.getSpec().version = "dev";
    Path targets = Files.writeString(dir.resolve("targets.json"), "[]");

    String config =
        new ServiceMonitorScrapeConfig(MonitoringModel.serviceMonitor(cluster))
            .prometheusYaml(targets);
    Path file = Files.writeString(dir.resolve("prometheus.yml"), config);

    assertThat(config)
        .contains("metrics_path: \"/actuator/prometheus\"")
        .contains(targets.toString());
    Path promtool =
        ServerBinary.resolve("promtool", "PROMTOOL_BIN", Path.of("/usr/bin/promtool")).require();
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "config", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
  }
}
