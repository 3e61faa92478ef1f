package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HelmChartSmokeTest {

  private final Path chart = RepositoryRoot.find().resolve("helm/imagesearch-operator");

  @Test
  void chartLintsWithoutErrors() {
    LintResult result = new Helm(chart).lint().strict().call();

    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
  }

  @Test
  void chartRendersTheOperatorDeploymentWithTheConfiguredImage() {
    String manifests = new Helm(chart).template().withName("isc").set("image.tag", "9.9.9").call();

    assertThat(manifests)
        .contains("kind: ServiceAccount")
        .contains("kind: Deployment")
        .contains("image: \"ghcr.io/imagesearch/imagesearch-operator:9.9.9\"");
  }
}
