package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.imagesearch.operator.api.DependencySpec;
import io.imagesearch.operator.api.ExternalSpec;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterSpec;
import io.imagesearch.operator.api.InClusterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildModelsTest {

  private final ImageSearchCluster cluster = cluster();

  @Test
  void deploymentUsesTheVersionedImageUnlessOverridden() {
    assertThat(container(DeploymentModel.build(cluster, Component.SEARCH_API, 2)).getImage())
        .isEqualTo("ghcr.io/imagesearch/search-api:1.2.3");

    cluster.getSpec().images.searchApi = "registry.local/search:dev";

    assertThat(container(DeploymentModel.build(cluster, Component.SEARCH_API, 2)).getImage())
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
    for (Dependency dependency : Dependency.values()) {
      var pod = StatefulSetModel.build(cluster, dependency).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
          .isTrue();
    }
  }

  @Test
  void probesUseTheActuatorHealthGroupsOnTheServicePort() {
    Container container = container(DeploymentModel.build(cluster, Component.INGEST_API, 1));

    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
  }

  @Test
  void configHashChangesOnlyWithTheRenderedConfig() {
    String before = configHash(DeploymentModel.build(cluster, Component.WORKER, 1));
    assertThat(configHash(DeploymentModel.build(cluster, Component.WORKER, 1))).isEqualTo(before);
    assertThat(before)
        .isEqualTo(
            ServiceConfig.sha256(ConfigMapModel.build(cluster).getData().get("application.yaml")));

    cluster.getSpec().model.location = "hf:org/model@abc";

    assertThat(configHash(DeploymentModel.build(cluster, Component.WORKER, 1)))
        .isNotEqualTo(before);
  }

  @Test
  void servicesGetCredentialsFromSecretsNeverFromTheConfigMap() {
    Container ingest = container(DeploymentModel.build(cluster, Component.INGEST_API, 1));

    assertThat(secretRef(ingest, "SPRING_DATA_REDIS_PASSWORD"))
        .containsExactly("demo-credentials", "redis-password");
    assertThat(secretRef(ingest, "IMAGESEARCH_MINIO_ACCESS_KEY"))
        .containsExactly("demo-credentials", "minio-access-key");
    // The CDN only reads objects: no Redis password.
    assertThat(container(DeploymentModel.build(cluster, Component.CDN, 1)).getEnv())
        .noneMatch(e -> e.getName().equals("SPRING_DATA_REDIS_PASSWORD"));
    assertThat(ConfigMapModel.build(cluster).getData().get("application.yaml"))
        .contains("demo-redis.ns.svc")
        .doesNotContain("password");
  }

  @Test
  void externalDependencyPointsAtTheUsersEndpointAndSecret() {
    DependencySpec redis = new DependencySpec();
    redis.external = new ExternalSpec();
    redis.external.endpoint = "redis.prod:6380";
    redis.external.secretRef = new ExternalSpec.SecretRef();
    redis.external.secretRef.name = "prod-redis";
    cluster.getSpec().redis = redis;

    Container worker = container(DeploymentModel.build(cluster, Component.WORKER, 1));

    assertThat(secretRef(worker, "SPRING_DATA_REDIS_PASSWORD"))
        .containsExactly("prod-redis", "password");
    assertThat(ServiceConfig.render(cluster))
        .contains("host: \"redis.prod\"")
        .contains("port: 6380");
  }

  @Test
  void gpuWorkersGetTheLimitSchedulingAndRuntimeClass() {
    var gpu = cluster.getSpec().worker.gpu;
    gpu.count = 2;
    gpu.nodeSelector = Map.of("imagesearch.io/accelerator", "nvidia");
    gpu.tolerations =
        List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists").build());
    gpu.runtimeClassName = "nvidia";

    var pod = DeploymentModel.build(cluster, Component.WORKER, 1).getSpec().getTemplate().getSpec();

    assertThat(pod.getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(pod.getNodeSelector()).containsEntry("imagesearch.io/accelerator", "nvidia");
    assertThat(pod.getTolerations()).extracting(t -> t.getKey()).containsExactly("nvidia.com/gpu");
    assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
    // Other services never land on GPU nodes.
    var search =
        DeploymentModel.build(cluster, Component.SEARCH_API, 1).getSpec().getTemplate().getSpec();
    assertThat(search.getRuntimeClassName()).isNull();
    assertThat(search.getContainers().get(0).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu");
  }

  @Test
  void statefulSetKeepsOrDeletesItsVolumeAsThePolicySays() {
    StatefulSet retained = StatefulSetModel.build(cluster, Dependency.REDIS);
    assertThat(retained.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Retain");
    assertThat(
            retained
                .getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests())
        .containsEntry("storage", new Quantity("10Gi"));

    DependencySpec milvus = new DependencySpec();
    milvus.inCluster = new InClusterSpec();
    milvus.inCluster.deletionPolicy = InClusterSpec.DeletionPolicy.Delete;
    milvus.inCluster.storageSize = "50Gi";
    cluster.getSpec().milvus = milvus;

    StatefulSet deleted = StatefulSetModel.build(cluster, Dependency.MILVUS);
    assertThat(deleted.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
        .isEqualTo("Delete");
    assertThat(
            deleted
                .getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .getSpec()
                .getResources()
                .getRequests())
        .containsEntry("storage", new Quantity("50Gi"));
  }

  @Test
  void generatedCredentialsAreKeptOnceTheyExist() {
    Secret first = CredentialsModel.build(cluster, Map.of());
    Secret again = CredentialsModel.build(cluster, first.getData());

    assertThat(first.getData())
        .containsOnlyKeys("minio-access-key", "minio-secret-key", "redis-password");
    assertThat(again.getData()).isEqualTo(first.getData());
    assertThat(CredentialsModel.build(cluster, Map.of()).getData()).isNotEqualTo(first.getData());
  }

  @Test
  void networkPolicyAdmitsOnlyTheServicesThatUseTheDependency() {
    var policy = NetworkPolicyModel.build(cluster, Dependency.MILVUS);
    var from = policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector();

    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/component", "milvus");
    assertThat(from.getMatchLabels()).containsEntry("app.kubernetes.io/instance", "demo");
    assertThat(from.getMatchExpressions().get(0).getValues())
        .containsExactly("worker", "search-api");
    assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(19530);
  }

  @Test
  void everyChildIsLabelledAndOwnedByTheCluster() {
    List<HasMetadata> children =
        List.of(
            DeploymentModel.build(cluster, Component.CDN, 1),
            ServiceModel.forComponent(cluster, Component.CDN),
            ServiceModel.forDependency(cluster, Dependency.OBJECT_STORE),
            StatefulSetModel.build(cluster, Dependency.OBJECT_STORE),
            ConfigMapModel.build(cluster),
            CredentialsModel.build(cluster, Map.of()),
            PdbModel.build(cluster, Component.CDN),
            NetworkPolicyModel.build(cluster, Dependency.REDIS),
            MonitoringModel.serviceMonitor(cluster),
            MonitoringModel.prometheusRule(cluster));
    for (HasMetadata child : children) {
      assertThat(child.getMetadata().getNamespace()).isEqualTo("ns");
      assertThat(child.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/instance", "demo")
          .containsEntry("app.kubernetes.io/managed-by", "imagesearch-operator")
          .containsEntry("app.kubernetes.io/part-of", "imagesearch")
          .containsKey("app.kubernetes.io/component");
      assertThat(child.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              ref -> {
                assertThat(ref.getUid()).isEqualTo("uid-1");
                assertThat(ref.getKind()).isEqualTo("ImageSearchCluster");
                assertThat(ref.getController()).isTrue();
              });
    }
  }

  @Test
  void ingressKeepsTlsAndNamesServicePortsByName() {
    cluster.getSpec().ingress.enabled = true;
    cluster.getSpec().ingress.host = "images.example.com";
    cluster.getSpec().ingress.tlsSecretName = "tls";

    var ingress = IngressModel.build(cluster);

    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("tls");
    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
        .allSatisfy(
            p -> assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http"));
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

  @Test
  void registryAndPullPolicyApplyToEveryContainerUnlessOverridden() {
    ImageDefaults local =
        new ImageDefaults(
            "imagesearch.local",
            io.imagesearch.operator.api.Images.PullPolicy.Never,
            "imagesearch.local/redis:7",
            "imagesearch.local/milvus-lite-standin:3.2.2",
            "imagesearch.local/minio:dev");

    assertThat(container(DeploymentModel.build(cluster, Component.WORKER, 1, local)).getImage())
        .isEqualTo("imagesearch.local/worker:1.2.3");
    assertThat(container(StatefulSetModel.build(cluster, Dependency.MILVUS, local)).getImage())
        .isEqualTo("imagesearch.local/milvus-lite-standin:3.2.2");

    // The cluster's own fields win over the operator's defaults.
    cluster.getSpec().images.registry = "registry.example:5000/team";
    cluster.getSpec().images.pullPolicy = io.imagesearch.operator.api.Images.PullPolicy.Always;
    cluster.getSpec().images.cdn = "cdn.example/cdn@sha256:abc";
    cluster.getSpec().images.redis = "mirror.example/redis:7";

    assertThat(container(DeploymentModel.build(cluster, Component.WORKER, 1, local)).getImage())
        .isEqualTo("registry.example:5000/team/worker:1.2.3");
    assertThat(container(DeploymentModel.build(cluster, Component.CDN, 1, local)).getImage())
        .isEqualTo("cdn.example/cdn@sha256:abc");
    for (Component component : Component.values()) {
      assertThat(
              container(DeploymentModel.build(cluster, component, 1, local)).getImagePullPolicy())
          .isEqualTo("Always");
    }
    for (Dependency dependency : Dependency.values()) {
      Container c = container(StatefulSetModel.build(cluster, dependency, local));
      assertThat(c.getImagePullPolicy()).as(dependency.id()).isEqualTo("Always");
    }
    assertThat(container(StatefulSetModel.build(cluster, Dependency.REDIS, local)).getImage())
        .isEqualTo("mirror.example/redis:7");
  }

  @Test
  void builtInDefaultsAreTheUpstreamImages() {
    assertThat(container(DeploymentModel.build(cluster, Component.CDN, 1)).getImagePullPolicy())
        .isEqualTo("IfNotPresent");
    assertThat(container(StatefulSetModel.build(cluster, Dependency.MILVUS)).getImage())
        .isEqualTo("milvusdb/milvus:v2.5.14");
  }

  @Test
  void hpaScalesTheDeploymentWithinTheConfiguredBounds() {
    cluster.getSpec().ingestApi.hpa = new io.imagesearch.operator.api.HpaSpec();
    cluster.getSpec().ingestApi.hpa.maxReplicas = 7;

    var hpa = HpaModel.build(cluster, Component.INGEST_API);

    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("demo-ingest-api");
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(75);
  }

  private static Container container(StatefulSet statefulSet) {
    return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String configHash(Deployment deployment) {
    return deployment
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(DeploymentModel.CONFIG_HASH_ANNOTATION);
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> secretRef(Container container, String name) {
    EnvVar var =
        container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    var ref = var.getValueFrom().getSecretKeyRef();
    return List.of(ref.getName(), ref.getKey());
  }

  static ImageSearchCluster cluster() {
    ImageSearchCluster cluster = new ImageSearchCluster();
    cluster.getMetadata().setName("demo");
    cluster.getMetadata().setNamespace("ns");
    cluster.getMetadata().setUid("uid-1");
    cluster.setSpec(new ImageSearchClusterSpec());
    cluster.getSpec().version = "1.2.3";
    return cluster;
  }
}
