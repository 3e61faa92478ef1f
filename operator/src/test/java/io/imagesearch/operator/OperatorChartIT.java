package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.Images.PullPolicy;
import io.imagesearch.operator.model.ImageDefaults;
import io.imagesearch.operator.scaling.BacklogSource;
import io.imagesearch.testsupport.KubeApiServer;
import io.imagesearch.testsupport.SharedServers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart installs into a real API server, object by object, and its RBAC is enough for the
 * operator to converge, and no more than it needs.
 */
@ExtendWith(SharedServers.class)
class OperatorChartIT {
  private static final String RELEASE_NAMESPACE = OperatorChart.RELEASE_NAMESPACE;

  @Test
  void chartLintsAndRendersLeastPrivilegeRbac() {
    LintResult lint = new Helm(OperatorChart.CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();

    String all = OperatorChart.render("isc", Map.of());
    assertThat(all)
        .contains("kind: ClusterRoleBinding")
        .doesNotContain("kind: RoleBinding\nmetadata:\n  name: isc-imagesearch-operator-manager");
    assertThat(all).doesNotContain("\"*\"");
  }

  @Test
  void everyObjectOfTheDefaultValuesIsAcceptedByTheApiServer(KubeApiServer server) {
    try (KubernetesClient admin = server.newClient()) {
      List<HasMetadata> installed = install(admin, "defaults", Map.of());

      assertThat(installed)
          .extracting(HasMetadata::getKind)
          .containsExactlyInAnyOrder(
              "CustomResourceDefinition",
              "ServiceAccount",
              "ClusterRole",
              "ClusterRole",
              "ClusterRoleBinding",
              "ClusterRoleBinding",
              "Role",
              "RoleBinding",
              "Deployment");
      Deployment deployment = deployment(admin, "defaults-imagesearch-operator");
      Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(operator.getImage()).isEqualTo("ghcr.io/imagesearch/imagesearch-operator:0.1.0");
      assertThat(env(operator, "WATCH_NAMESPACES")).isEmpty();
      // The chart's cluster defaults are the operator's built-in ones.
      assertThat(OperatorSettings.fromEnv(envMap(operator)).imageDefaults())
          .isEqualTo(ImageDefaults.BUILT_IN);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", "/metrics");
    }
  }

  @Test
  void everyObjectOfOverriddenValuesIsAcceptedByTheApiServer(KubeApiServer server) {
    try (KubernetesClient admin = server.newClient()) {
      List<String> watched = List.of("chart-watched-a", "chart-watched-b");
      watched.forEach(namespace -> TestCluster.ensureNamespace(admin, namespace));

      List<HasMetadata> installed =
          install(
              admin,
              "custom",
              Map.ofEntries(
                  Map.entry("watchNamespaces[0]", watched.get(0)),
                  Map.entry("watchNamespaces[1]", watched.get(1)),
                  Map.entry("image.registry", "registry.example/team"),
                  Map.entry("image.repository", "operator"),
                  Map.entry("image.tag", "9.9.9"),
                  Map.entry("image.pullPolicy", "Always"),
                  Map.entry("clusterDefaults.registry", "imagesearch.local"),
                  Map.entry("clusterDefaults.pullPolicy", "Never"),
                  Map.entry("clusterDefaults.redisImage", "imagesearch.local/redis:7"),
                  Map.entry(
                      "clusterDefaults.milvusImage", "imagesearch.local/milvus-lite-standin:3.2.2"),
                  Map.entry("clusterDefaults.minioImage", "imagesearch.local/minio:dev"),
                  Map.entry("replicaCount", "2"),
                  Map.entry("resources.requests.cpu", "250m"),
                  Map.entry("resources.limits.memory", "1Gi"),
                  Map.entry("serviceAccount.name", "custom-operator"),
                  Map.entry("metrics.scrapeAnnotations", "false")));

      // One manager RoleBinding per watched namespace instead of the ClusterRoleBinding.
      assertThat(installed)
          .filteredOn(o -> o.getKind().equals("RoleBinding"))
          .extracting(o -> o.getMetadata().getNamespace())
          .containsExactlyInAnyOrder(watched.get(0), watched.get(1), RELEASE_NAMESPACE);
      assertThat(installed).filteredOn(o -> o.getKind().equals("ClusterRoleBinding")).hasSize(1);
      RoleBinding manager =
          admin
              .rbac()
              .roleBindings()
              .inNamespace(watched.get(1))
              .withName("custom-imagesearch-operator-manager")
              .get();
      assertThat(manager.getSubjects())
          .singleElement()
          .satisfies(s -> assertThat(s.getName()).isEqualTo("custom-operator"));

      Deployment deployment = deployment(admin, "custom-imagesearch-operator");
      assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
      var pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(pod.getServiceAccountName()).isEqualTo("custom-operator");
      Container operator = pod.getContainers().get(0);
      assertThat(operator.getImage()).isEqualTo("registry.example/team/operator:9.9.9");
      assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
      assertThat(operator.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
      assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("1Gi"));
      assertThat(env(operator, "WATCH_NAMESPACES")).isEqualTo(String.join(",", watched));
      // Set once at install, used for every cluster that does not choose its own images.
      assertThat(OperatorSettings.fromEnv(envMap(operator)).imageDefaults())
          .isEqualTo(
              new ImageDefaults(
                  "imagesearch.local",
                  PullPolicy.Never,
                  "imagesearch.local/redis:7",
                  "imagesearch.local/milvus-lite-standin:3.2.2",
                  "imagesearch.local/minio:dev"));
      assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
          .doesNotContainKey("prometheus.io/scrape");
    }
  }

  @Test
  void operatorConvergesWithOnlyTheChartsServiceAccountPermissions(KubeApiServer server)
      throws Exception {
    try (KubernetesClient admin = server.newClient()) {
      TestCluster.applyCrd(admin);
      String watched = TestCluster.newNamespace(admin, "rbac");
      TestCluster.ensureNamespace(admin, RELEASE_NAMESPACE);
      List<HasMetadata> rbac =
          OperatorChart.objects(admin, "isc", Map.of("watchNamespaces[0]", watched)).stream()
              .filter(
                  r ->
                      r.getApiVersion().startsWith("rbac.") || r.getKind().equals("ServiceAccount"))
              .toList();
      assertThat(rbac)
          .extracting(HasMetadata::getKind)
          .contains("ServiceAccount", "ClusterRole", "RoleBinding", "Role");
      for (HasMetadata r : rbac) {
        admin.resource(r).forceConflicts().serverSideApply();
      }

      Config config = Config.fromKubeconfig(server.kubeConfigYaml());
      config.setImpersonateUsername(
          "system:serviceaccount:" + RELEASE_NAMESPACE + ":isc-imagesearch-operator");
      config.setImpersonateGroups("system:serviceaccounts", "system:authenticated");
      try (KubernetesClient operatorClient =
          new KubernetesClientBuilder().withConfig(config).build()) {
        // RBAC is enforced: the operator reads pods (for the status) but never changes one.
        assertThat(operatorClient.pods().inNamespace(watched).list().getItems()).isEmpty();
        assertThat(allowed(operatorClient, watched, "", "pods", "create")).isFalse();
        // The Events of a change of model: written, never read back.
        assertThat(allowed(operatorClient, watched, "", "events", "create")).isTrue();
        assertThat(allowed(operatorClient, watched, "", "events", "list")).isFalse();
        // Secrets by name only: no Secret of the namespace can be listed or watched.
        assertThat(
                List.of("get", "create", "patch", "update").stream()
                    .filter(verb -> allowed(operatorClient, watched, "", "secrets", verb)))
            .containsExactly("get", "create", "patch", "update");
        assertThat(
                List.of("list", "watch", "delete", "deletecollection").stream()
                    .filter(verb -> allowed(operatorClient, watched, "", "secrets", verb)))
            .isEmpty();
        assertThatThrownBy(() -> operatorClient.secrets().inNamespace(watched).list())
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        // The children it watches (through informers limited to its label) in watched namespaces
        // only.
        assertThat(allowed(operatorClient, watched, "", "configmaps", "watch")).isTrue();
        assertThat(allowed(operatorClient, watched, "apps", "deployments", "list")).isTrue();
        assertThat(allowed(operatorClient, RELEASE_NAMESPACE, "", "configmaps", "list")).isFalse();
        assertThat(allowed(operatorClient, RELEASE_NAMESPACE, "", "secrets", "get")).isFalse();
        assertThat(allowed(operatorClient, RELEASE_NAMESPACE, "apps", "deployments", "list"))
            .isFalse();
        assertThatThrownBy(
                () ->
                    operatorClient
                        .pods()
                        .inNamespace(watched)
                        .resource(
                            new PodBuilder()
                                .withNewMetadata()
                                .withName("intruder")
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("c")
                                .withImage("busybox")
                                .endContainer()
                                .endSpec()
                                .build())
                        .create())
            .isInstanceOfSatisfying(
                KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

        Operator operator =
            OperatorFactory.create(
                operatorClient,
                new OperatorSettings(
                    Set.of(watched),
                    true,
                    "imagesearch-operator",
                    RELEASE_NAMESPACE,
                    0,
                    ImageDefaults.BUILT_IN),
                BacklogSource.UNKNOWN,
                Clock.systemUTC(),
                false,
                Metrics.NOOP);
        operator.start();
        try {
          admin.resource(TestCluster.cluster("rbac", watched)).create();

          await()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () ->
                      admin
                              .resources(StatefulSet.class)
                              .inNamespace(watched)
                              .list()
                              .getItems()
                              .size()
                          == 3);
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    ImageSearchCluster c =
                        admin
                            .resources(ImageSearchCluster.class)
                            .inNamespace(watched)
                            .withName("rbac")
                            .get();
                    return c.getStatus() != null && c.getStatus().observedGeneration != null;
                  });
          // The policies of the dependencies and of the four services, and the admin key read
          // back by name for the status, all within the chart's permissions.
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () ->
                      admin
                              .resources(NetworkPolicy.class)
                              .inNamespace(watched)
                              .list()
                              .getItems()
                              .size()
                          == 7);
          assertThat(
                  admin.secrets().inNamespace(watched).withName("rbac-credentials").get().getData())
              .containsKey("admin-api-key");
        } finally {
          operator.stop();
        }
      }
    }
  }

  /** Whether the client's user may do the verb, as the API server's authorizer answers. */
  private static boolean allowed(
      KubernetesClient client, String namespace, String group, String resource, String verb) {
    return client
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(
            new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withNewResourceAttributes()
                .withNamespace(namespace)
                .withGroup(group)
                .withResource(resource)
                .withVerb(verb)
                .endResourceAttributes()
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  /**
   * Applies every rendered object server-side, as `helm install` would create it: each must pass
   * the API server's validation (a rejected one throws) and then be readable.
   */
  private static List<HasMetadata> install(
      KubernetesClient admin, String release, Map<String, Object> values) {
    TestCluster.ensureNamespace(admin, RELEASE_NAMESPACE);
    List<HasMetadata> objects = OperatorChart.objects(admin, release, values);
    for (HasMetadata object : objects) {
      HasMetadata applied = admin.resource(object).forceConflicts().serverSideApply();
      assertThat(applied.getMetadata().getUid()).as("%s applied", describe(object)).isNotNull();
      assertThat(admin.resource(object).get()).as("%s readable", describe(object)).isNotNull();
    }
    return objects;
  }

  private static String describe(HasMetadata object) {
    return object.getKind() + " " + object.getMetadata().getName();
  }

  private static Deployment deployment(KubernetesClient admin, String name) {
    return admin.apps().deployments().inNamespace(RELEASE_NAMESPACE).withName(name).get();
  }

  private static Map<String, String> envMap(Container container) {
    Map<String, String> env = new java.util.HashMap<>();
    container
        .getEnv()
        .forEach(e -> env.put(e.getName(), Objects.requireNonNullElse(e.getValue(), "")));
    return env;
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        // The API server drops an empty value.
        .map(e -> Objects.requireNonNullElse(e.getValue(), ""))
        .findFirst()
        .orElseThrow();
  }
}
