package io.imagesearch.operator.model;

import static io.imagesearch.operator.model.PodParts.container;
import static io.imagesearch.operator.model.PodParts.env;
import static io.imagesearch.operator.model.PodParts.secretRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ModelSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentModelTest {

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void deploymentUsesTheVersionedImageUnlessOverridden() {
    assertThat(container(DeploymentModel.build(cluster, Component.SEARCH_API, 2)).getImage())
        .isEqualTo("ghcr.io/imagesearch/search-api:1.2.3");

    ImageSearchCluster overridden =
        TestClusters.demo()
            .editSpec()
            .editImages()
            .withSearchApi("registry.local/search:dev")
            .endImages()
            .endSpec()
            .build();

    assertThat(container(DeploymentModel.build(overridden, Component.SEARCH_API, 2)).getImage())
        .isEqualTo("registry.local/search:dev");
  }

  @Test
  void everyPodIsRestrictedWithAWritableTmp() {
    for (Component component : Component.values()) {
      var pod = DeploymentModel.build(cluster, component, 1).getSpec().getTemplate().getSpec();
      Container container = pod.getContainers().get(0);

      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getVolumeMounts())
          .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
      assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
      assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    }
  }

  @Test
  void searchApiLeavesHalfItsLimitToTheNativeTextEncoder() {
    Container search = container(DeploymentModel.build(cluster, Component.SEARCH_API, 1));
    Container ingest = container(DeploymentModel.build(cluster, Component.INGEST_API, 1));

    assertThat(search.getResources().getLimits().get("memory")).isEqualTo(new Quantity("768Mi"));
    assertThat(env(search, "JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=50");
    assertThat(ingest.getResources().getLimits().get("memory")).isEqualTo(new Quantity("384Mi"));
    assertThat(env(ingest, "JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75");
  }

  @Test
  void probesUseTheActuatorHealthGroupsOnTheManagementPort() {
    Container container = container(DeploymentModel.build(cluster, Component.INGEST_API, 1));

    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("management");
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("management");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
  }

  @Test
  void actuatorRunsOnAManagementPortOfItsOwn() {
    for (Component component : Component.values()) {
      Container container = container(DeploymentModel.build(cluster, component, 1));

      assertThat(env(container, "SERVER_PORT")).isEqualTo("8080");
      assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo("9090");
      assertThat(container.getPorts())
          .extracting(p -> p.getName() + "=" + p.getContainerPort())
          .containsExactlyElementsOf(
              component == Component.CDN
                  ? List.of("http=8080", "delivery=8085", "management=9090")
                  : List.of("http=8080", "management=9090"));
    }
  }

  @Test
  void configHashChangesOnlyWithTheRenderedConfig() {
    String before = configHash(DeploymentModel.build(cluster, Component.WORKER, 1));
    assertThat(configHash(DeploymentModel.build(cluster, Component.WORKER, 1))).isEqualTo(before);
    assertThat(before)
        .isEqualTo(
            ServiceConfig.sha256(ConfigMapModel.build(cluster).getData().get("application.yaml")));

    ImageSearchCluster otherRedis =
        TestClusters.demo()
            .editSpec()
            .withRedis(TestClusters.external("redis.example:6379", "redis-secret"))
            .endSpec()
            .build();

    assertThat(configHash(DeploymentModel.build(otherRedis, Component.WORKER, 1)))
        .isNotEqualTo(before);
  }

  @Test
  void aNewModelChangesTheWorkersEnvironmentAndNoServicesConfig() {
    ImageSearchCluster otherModel =
        TestClusters.demo()
            .editSpec()
            .editModel()
            .withLocation("hf:org/model@abc")
            .withFormat(ModelSpec.ModelFormat.TORCHSCRIPT)
            .endModel()
            .endSpec()
            .build();

    Container worker = container(DeploymentModel.build(otherModel, Component.WORKER, 1));
    assertThat(env(worker, EmbeddingModel.LOCATION_ENV)).isEqualTo("hf:org/model@abc");
    assertThat(env(worker, EmbeddingModel.FORMAT_ENV)).isEqualTo("TORCHSCRIPT");
    // The shared configuration is unchanged: ingest-api and cdn, which embed nothing, keep running.
    for (Component component : Component.values()) {
      assertThat(configHash(DeploymentModel.build(otherModel, component, 1)))
          .isEqualTo(configHash(DeploymentModel.build(cluster, component, 1)));
    }
    assertThat(container(DeploymentModel.build(otherModel, Component.CDN, 1)).getEnv())
        .noneMatch(e -> e.getName().startsWith("IMAGESEARCH_MODEL_"));
  }

  @Test
  void searchApiLoadsTheModelItIsGivenWhileTheWorkersLoadSpecModel() {
    ImageSearchCluster changing =
        TestClusters.demo()
            .editSpec()
            .editModel()
            .withLocation("models/tiny-clip-b")
            .endModel()
            .endSpec()
            .build();
    EmbeddingModel active = new EmbeddingModel("models/tiny-clip", "ONNX");

    Container search =
        container(
            DeploymentModel.build(
                changing, Component.SEARCH_API, 1, ImageDefaults.BUILT_IN, active));
    Container worker =
        container(
            DeploymentModel.build(changing, Component.WORKER, 1, ImageDefaults.BUILT_IN, active));

    assertThat(env(search, EmbeddingModel.LOCATION_ENV)).isEqualTo("models/tiny-clip");
    assertThat(env(worker, EmbeddingModel.LOCATION_ENV)).isEqualTo("models/tiny-clip-b");
    assertThat(EmbeddingModel.fromEnv(search.getEnv())).contains(active);
  }

  @Test
  void servicesGetCredentialsFromSecretsNeverFromTheConfigMap() {
    Container ingest = container(DeploymentModel.build(cluster, Component.INGEST_API, 1));

    assertThat(secretRef(ingest, "SPRING_DATA_REDIS_PASSWORD"))
        .containsExactly("demo-credentials", "redis-password");
    assertThat(secretRef(ingest, "IMAGESEARCH_MINIO_ACCESS_KEY"))
        .containsExactly("demo-credentials", "minio-access-key");
    // The CDN checks API keys, which every HTTP service keeps in the shared Redis.
    assertThat(
            secretRef(
                container(DeploymentModel.build(cluster, Component.CDN, 1)),
                "SPRING_DATA_REDIS_PASSWORD"))
        .containsExactly("demo-credentials", "redis-password");
    assertThat(ConfigMapModel.build(cluster).getData().get("application.yaml"))
        .contains("demo-redis.ns.svc")
        .doesNotContain("password");
  }

  @Test
  void externalDependencyPointsAtTheUsersEndpointAndSecret() {
    ImageSearchCluster external =
        TestClusters.demo()
            .editSpec()
            .withRedis(TestClusters.external("redis.prod:6380", "prod-redis"))
            .endSpec()
            .build();

    Container worker = container(DeploymentModel.build(external, Component.WORKER, 1));

    assertThat(secretRef(worker, "SPRING_DATA_REDIS_PASSWORD"))
        .containsExactly("prod-redis", "password");
    assertThat(ServiceConfig.render(external))
        .contains("host: \"redis.prod\"")
        .contains("port: 6380");
  }

  @Test
  void gpuWorkersGetTheLimitSchedulingAndRuntimeClass() {
    ImageSearchCluster gpuWorkers =
        TestClusters.demo()
            .editSpec()
            .editWorker()
            .editGpu()
            .withCount(2)
            .withNodeSelector(Map.of("imagesearch.io/accelerator", "nvidia"))
            .withTolerations(
                new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists").build())
            .withRuntimeClassName("nvidia")
            .endGpu()
            .endWorker()
            .endSpec()
            .build();

    var pod =
        DeploymentModel.build(gpuWorkers, Component.WORKER, 1).getSpec().getTemplate().getSpec();

    assertThat(pod.getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(pod.getNodeSelector()).containsEntry("imagesearch.io/accelerator", "nvidia");
    assertThat(pod.getTolerations()).extracting(t -> t.getKey()).containsExactly("nvidia.com/gpu");
    assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
    // Other services never land on GPU nodes.
    var search =
        DeploymentModel.build(gpuWorkers, Component.SEARCH_API, 1)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(search.getRuntimeClassName()).isNull();
    assertThat(search.getContainers().get(0).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu");
  }

  @Test
  void podsKeepServingUntilTheirEndpointIsGoneAndThenShutDownGracefully() {
    for (Component component : Component.values()) {
      Deployment deployment = DeploymentModel.build(cluster, component, 1);
      var pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(container(deployment).getLifecycle().getPreStop().getSleep().getSeconds())
          .isEqualTo(DeploymentModel.PRE_STOP_SECONDS);
      // Room for the pause and Spring's graceful shutdown phase before the kubelet kills.
      assertThat(pod.getTerminationGracePeriodSeconds())
          .isGreaterThan(DeploymentModel.PRE_STOP_SECONDS + DeploymentModel.SHUTDOWN_PHASE_SECONDS);
    }
  }

  @Test
  void servicesReadTheMountedConfigFileWhateverTheirConfigName() {
    for (Component component : Component.values()) {
      Deployment deployment = DeploymentModel.build(cluster, component, 1);
      Container container = container(deployment);

      // A folder location would be searched for <spring.config.name>.yml, i.e. <service>.yml.
      assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION"))
          .isEqualTo("optional:file:/etc/imagesearch/application.yaml");
      assertThat(container.getVolumeMounts())
          .anySatisfy(
              m -> {
                assertThat(m.getName()).isEqualTo("config");
                assertThat(m.getMountPath()).isEqualTo("/etc/imagesearch");
              });
      assertThat(ConfigMapModel.build(cluster).getData()).containsKey("application.yaml");
    }
  }

  @Test
  void apisRollWithASurgePodWorkersInPlace() {
    for (Component component : Component.values()) {
      var spec = DeploymentModel.build(cluster, component, 1).getSpec();
      var rolling = spec.getStrategy().getRollingUpdate();

      assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
      assertThat(spec.getProgressDeadlineSeconds()).isEqualTo(300);
      if (component == Component.WORKER) {
        // A surge worker never fits a full node: the rollout would wait forever.
        assertThat(rolling.getMaxSurge().getIntVal()).isZero();
        assertThat(rolling.getMaxUnavailable().getIntVal()).isEqualTo(1);
      } else {
        // No request fails during a roll: the old pod serves until the new one is ready.
        assertThat(rolling.getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();
      }
    }
  }

  private static String configHash(Deployment deployment) {
    return deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(DeploymentModel.CONFIG_HASH_ANNOTATION);
  }
}
