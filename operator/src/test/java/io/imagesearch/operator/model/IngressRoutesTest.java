package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.IngressRoutes.Backend;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressRoutesTest {

  /**
   * Every route the services serve (web/src/main/java/io/imagesearch/web/*Controller.java, the web
   * UI at /), through the Ingress the operator renders, lands on the service that serves it.
   */
  @ParameterizedTest(name = "{0} {1} -> {2}:{3}")
  @CsvSource({
    "POST,   /api/v1/ingest,                 ingest-api, http",
    "GET,    /api/v1/ingest/t-1,             ingest-api, http",
    "POST,   /api/v1/images,                 ingest-api, http",
    "GET,    /api/v1/tasks,                  ingest-api, http",
    "GET,    /api/v1/tasks?state=PENDING,    ingest-api, http",
    "GET,    /api/v1/tasks/t-1,              ingest-api, http",
    "GET,    /api/v1/images/abc,             search-api, http",
    "GET,    /api/v1/images/abc/similar,     search-api, http",
    "GET,    /api/v1/images/abc/duplicates,  search-api, http",
    "DELETE, /api/v1/images/abc,             search-api, http",
    "GET,    /api/v1/search?text=cat,        search-api, http",
    "POST,   /api/v1/search/by-image,        search-api, http",
    "GET,    /api/v1/image/search?text=cat,  search-api, http",
    "GET,    /api/v1/stats,                  search-api, http",
    "GET,    /,                              search-api, http",
    "GET,    /index.html,                    search-api, http",
    "GET,    /images/abc,                    cdn,        delivery",
    "GET,    /thumbnails/abc,                cdn,        delivery",
    "HEAD,   /images/abc,                    cdn,        delivery",
  })
  void everyRouteReachesTheServiceThatServesIt(
      String method, String path, String service, String port) {
    ImageSearchCluster cluster = TestClusters.withIngress("images.example.com").build();

    Optional<Backend> backend = IngressRoutes.resolve(IngressModel.build(cluster), path);

    assertThat(backend).contains(new Backend("demo-" + service, port));
  }

  /** The delivery port accepts API keys only: OIDC tokens keep the cdn's HTTP port. */
  @ParameterizedTest
  @CsvSource({"/images/abc", "/thumbnails/abc"})
  void withOidcImageBytesStayOnTheCdnsHttpPort(String path) {
    ImageSearchCluster cluster =
        TestClusters.withIngress("images.example.com")
            .editSpec()
            .editSecurity()
            .withOidc(TestClusters.oidc("https://issuer.example.com", "imagesearch", null))
            .endSecurity()
            .endSpec()
            .build();

    Optional<Backend> backend = IngressRoutes.resolve(IngressModel.build(cluster), path);

    assertThat(backend).contains(new Backend("demo-cdn", "http"));
  }

  @Test
  void prefixMatchesWholePathElementsOnly() {
    Ingress ingress =
        ingress(path("/foo", "Prefix", "foo"), path("/foo/bar/", "Prefix", "bar"), null);

    assertThat(service(ingress, "/foo")).contains("foo");
    assertThat(service(ingress, "/foo/")).contains("foo");
    assertThat(service(ingress, "/foo/baz")).contains("foo");
    assertThat(service(ingress, "/foobar")).isEmpty();
    assertThat(service(ingress, "/foo/bar")).contains("bar");
    assertThat(service(ingress, "/foo/bar/baz")).contains("bar");
    assertThat(service(ingress, "/foo/barbaz")).contains("foo");
  }

  @Test
  void exactMatchesOnlyItselfAndBeatsAnEqualPrefix() {
    Ingress ingress =
        ingress(path("/foo", "Exact", "exact"), path("/foo", "Prefix", "prefix"), null);

    assertThat(service(ingress, "/foo")).contains("exact");
    assertThat(service(ingress, "/foo/")).contains("prefix");
    assertThat(service(ingress, "/foo/x")).contains("prefix");
  }

  @Test
  void unmatchedPathsGoToTheDefaultBackendIfAny() {
    Ingress ingress = ingress(path("/foo", "Exact", "exact"), path("/bar", "Prefix", "bar"), "def");

    assertThat(service(ingress, "/other")).contains("def");
    assertThat(service(ingress(path("/a", "Exact", "a"), path("/b", "Exact", "b"), null), "/c"))
        .isEmpty();
  }

  @Test
  void implementationSpecificCannotBeProven() {
    Ingress ingress =
        ingress(path("/foo", "ImplementationSpecific", "x"), path("/b", "Exact", "b"), null);

    assertThatThrownBy(() -> IngressRoutes.resolve(ingress, "/foo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ImplementationSpecific");
  }

  private static Optional<String> service(Ingress ingress, String path) {
    return IngressRoutes.resolve(ingress, path).map(Backend::service);
  }

  private static io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath path(
      String path, String type, String service) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType(type)
        .withNewBackend()
        .withNewService()
        .withName(service)
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endBackend()
        .build();
  }

  private static Ingress ingress(
      io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath a,
      io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath b,
      String defaultService) {
    var spec =
        new IngressBuilder()
            .withNewMetadata()
            .withName("test")
            .endMetadata()
            .withNewSpec()
            .addNewRule()
            .withNewHttp()
            .withPaths(a, b)
            .endHttp()
            .endRule();
    if (defaultService != null) {
      spec.withNewDefaultBackend()
          .withNewService()
          .withName(defaultService)
          .withNewPort()
          .withNumber(80)
          .endPort()
          .endService()
          .endDefaultBackend();
    }
    return spec.endSpec().build();
  }
}
