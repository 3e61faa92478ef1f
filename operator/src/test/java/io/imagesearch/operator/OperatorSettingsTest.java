package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.operator.api.Images.PullPolicy;
import io.imagesearch.operator.model.ImageDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void imageDefaultsAreTheBuiltInOnesUnlessSet() {
    assertThat(OperatorSettings.fromEnv(Map.of()).imageDefaults())
        .isEqualTo(ImageDefaults.BUILT_IN);
    // Helm renders an unset value as an empty string.
    assertThat(OperatorSettings.fromEnv(Map.of("DEFAULT_IMAGE_REGISTRY", "")).imageDefaults())
        .isEqualTo(ImageDefaults.BUILT_IN);
  }

  @Test
  void imageDefaultsComeFromTheChartsEnvironment() {
    ImageDefaults images =
        OperatorSettings.fromEnv(
                Map.of(
                    "DEFAULT_IMAGE_REGISTRY", "imagesearch.local",
                    "DEFAULT_IMAGE_PULL_POLICY", "Never",
                    "DEFAULT_REDIS_IMAGE", "imagesearch.local/redis:7",
                    "DEFAULT_MILVUS_IMAGE", "imagesearch.local/milvus-lite-standin:3.2.2",
                    "DEFAULT_MINIO_IMAGE", "imagesearch.local/minio:dev"))
            .imageDefaults();

    assertThat(images)
        .isEqualTo(
            new ImageDefaults(
                "imagesearch.local",
                PullPolicy.Never,
                "imagesearch.local/redis:7",
                "imagesearch.local/milvus-lite-standin:3.2.2",
                "imagesearch.local/minio:dev"));
  }

  @Test
  void invalidImageDefaultsStopTheOperatorNamingTheValue() {
    assertThatThrownBy(
            () -> OperatorSettings.fromEnv(Map.of("DEFAULT_IMAGE_PULL_POLICY", "Sometimes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DEFAULT_IMAGE_PULL_POLICY")
        .hasMessageContaining("Sometimes");
    assertThatThrownBy(
            () -> OperatorSettings.fromEnv(Map.of("DEFAULT_IMAGE_REGISTRY", "ghcr.io/x/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registry")
        .hasMessageContaining("ghcr.io/x/");
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("DEFAULT_REDIS_IMAGE", "Redis 7")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis image");
  }
}
