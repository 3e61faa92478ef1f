package io.imagesearch.operator.model;

import static io.imagesearch.operator.model.PodParts.container;
import static io.imagesearch.operator.model.PodParts.env;
import static io.imagesearch.operator.model.PodParts.secretRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.OidcSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityEnvTest {

  private static final List<Component> HTTP_SERVICES =
      List.of(Component.INGEST_API, Component.SEARCH_API, Component.CDN);

  private final ImageSearchCluster cluster = TestClusters.demo().build();

  @Test
  void theHttpServicesReadTheGeneratedAdminKeyFromTheSecretAndTheWorkerNone() {
    for (Component component : HTTP_SERVICES) {
      EnvVar adminKey = envVar(container(DeploymentModel.build(cluster, component, 1)));

      assertThat(adminKey.getValue()).as("no literal key in %s", component).isNull();
      assertThat(
              secretRef(
                  container(DeploymentModel.build(cluster, component, 1)), SecurityEnv.ADMIN_KEY))
          .containsExactly("demo-credentials", "admin-api-key");
    }
    assertThat(container(DeploymentModel.build(cluster, Component.WORKER, 1)).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain(
            SecurityEnv.ADMIN_KEY, SecurityEnv.OIDC_ISSUER_URI, SecurityEnv.OIDC_AUDIENCE);
  }

  @Test
  void theUsersSecretReplacesTheGeneratedOne() {
    cluster.getSpec().security.adminKeySecretRef = TestClusters.adminKeyIn("team-admin", "token");

    for (Component component : HTTP_SERVICES) {
      assertThat(
              secretRef(
                  container(DeploymentModel.build(cluster, component, 1)), SecurityEnv.ADMIN_KEY))
          .containsExactly("team-admin", "token");
    }
  }

  @Test
  void oidcSettingsComeFromTheSpecAndOnlyWhenSet() {
    assertThat(container(DeploymentModel.build(cluster, Component.SEARCH_API, 1)).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain(SecurityEnv.OIDC_ISSUER_URI, SecurityEnv.OIDC_AUDIENCE);

    cluster.getSpec().security.oidc =
        TestClusters.oidc(
            "https://login.example.com/realms/images",
            "image-search",
            "https://login.example.com/realms/images/certs");

    for (Component component : HTTP_SERVICES) {
      Container container = container(DeploymentModel.build(cluster, component, 1));
      assertThat(env(container, SecurityEnv.OIDC_ISSUER_URI))
          .isEqualTo("https://login.example.com/realms/images");
      assertThat(env(container, SecurityEnv.OIDC_AUDIENCE)).isEqualTo("image-search");
      assertThat(env(container, SecurityEnv.OIDC_JWK_SET_URI))
          .isEqualTo("https://login.example.com/realms/images/certs");
    }

    cluster.getSpec().security.oidc.jwkSetUri = null;
    assertThat(container(DeploymentModel.build(cluster, Component.CDN, 1)).getEnv())
        .extracting(EnvVar::getName)
        .contains(SecurityEnv.OIDC_ISSUER_URI)
        .doesNotContain(SecurityEnv.OIDC_JWK_SET_URI);
  }

  @Test
  void claimMappingAndClockSkewReachEveryHttpServiceExactlyAsSpelled() {
    var oidc = TestClusters.oidc("https://login.example.com/realms/images", "image-search", null);
    oidc.scopeClaims = List.of("scope", "https://example.com/scopes");
    oidc.rolesClaim = "realm_access.roles";
    oidc.roleScopes =
        new LinkedHashMap<>(
            Map.of(
                "Image-Admins",
                List.of(OidcSpec.Scope.admin),
                "/photographers",
                List.of(OidcSpec.Scope.upload, OidcSpec.Scope.search)));
    oidc.clockSkew = "30s";
    cluster.getSpec().security.oidc = oidc;

    for (Component component : HTTP_SERVICES) {
      Container container = container(DeploymentModel.build(cluster, component, 1));
      assertThat(env(container, SecurityEnv.OIDC_SCOPE_CLAIMS))
          .isEqualTo("scope,https://example.com/scopes");
      assertThat(env(container, SecurityEnv.OIDC_ROLES_CLAIM)).isEqualTo("realm_access.roles");
      assertThat(env(container, SecurityEnv.OIDC_CLOCK_SKEW)).isEqualTo("30s");
      // Role names keep their case and punctuation inside the brackets Spring Boot binds as is.
      assertThat(env(container, SecurityEnv.SPRING_APPLICATION_JSON))
          .isEqualTo(
              "{\"imagesearch.security.oidc.role-scopes[/photographers]\":[\"upload\",\"search\"],"
                  + "\"imagesearch.security.oidc.role-scopes[Image-Admins]\":[\"admin\"]}");
    }
    assertThat(container(DeploymentModel.build(cluster, Component.WORKER, 1)).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain(SecurityEnv.OIDC_ROLES_CLAIM, SecurityEnv.SPRING_APPLICATION_JSON);
  }

  @Test
  void unsetClaimSettingsLeaveTheServicesDefaults() {
    cluster.getSpec().security.oidc =
        TestClusters.oidc("https://login.example.com/realms/images", "image-search", null);

    assertThat(container(DeploymentModel.build(cluster, Component.SEARCH_API, 1)).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain(
            SecurityEnv.OIDC_SCOPE_CLAIMS,
            SecurityEnv.OIDC_ROLES_CLAIM,
            SecurityEnv.OIDC_CLOCK_SKEW,
            SecurityEnv.SPRING_APPLICATION_JSON);
  }

  @Test
  void aClusterWithoutASecuritySectionStillGetsTheGeneratedKey() {
    cluster.getSpec().security = null;

    assertThat(
            secretRef(
                container(DeploymentModel.build(cluster, Component.CDN, 1)), SecurityEnv.ADMIN_KEY))
        .containsExactly("demo-credentials", "admin-api-key");
    assertThat(CredentialsModel.build(cluster, Map.of()).getData())
        .containsKey(CredentialsModel.ADMIN_API_KEY);
  }

  private static EnvVar envVar(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(SecurityEnv.ADMIN_KEY))
        .findFirst()
        .orElseThrow();
  }
}
