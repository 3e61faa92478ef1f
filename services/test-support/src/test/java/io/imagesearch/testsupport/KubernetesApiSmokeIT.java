package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServers.class)
class KubernetesApiSmokeIT {

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("smoke.imagesearch.io")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  @Test
  void customResourcesAreStoredAndValidatedByTheRealApiServer(KubeApiServer server) {
    try (KubernetesClient client = server.newClient()) {
      CustomResourceDefinition crd = client.resource(widgetCrd()).serverSideApply();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              cond ->
                                  "Established".equals(cond.getType())
                                      && "True".equals(cond.getStatus())),
              60,
              TimeUnit.SECONDS);

      client
          .genericKubernetesResources(WIDGETS)
          .inNamespace("default")
          .resource(widget("good", 3))
          .create();

      GenericKubernetesResource stored =
          client.genericKubernetesResources(WIDGETS).inNamespace("default").withName("good").get();
      assertThat(stored.<Integer>get("spec", "replicas")).isEqualTo(3);

      assertThatThrownBy(
              () ->
                  client
                      .genericKubernetesResources(WIDGETS)
                      .inNamespace("default")
                      .resource(widget("bad", 0))
                      .create())
          .isInstanceOf(KubernetesClientException.class)
          .satisfies(
              e -> {
                KubernetesClientException error = (KubernetesClientException) e;
                assertThat(error.getCode()).isEqualTo(422);
                assertThat(error.getMessage())
                    .contains("spec.replicas")
                    .contains("greater than or equal to 1");
              });
    }
  }

  private static GenericKubernetesResource widget(String name, int replicas) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("smoke.imagesearch.io/v1")
        .withKind("Widget")
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("replicas", replicas)))
        .build();
  }

  private static CustomResourceDefinition widgetCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("widgets.smoke.imagesearch.io")
        .endMetadata()
        .withNewSpec()
        .withGroup("smoke.imagesearch.io")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("Widget")
        .withPlural("widgets")
        .withSingular("widget")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withOpenAPIV3Schema(
            new JSONSchemaPropsBuilder()
                .withType("object")
                .addToProperties(
                    "spec",
                    new JSONSchemaPropsBuilder()
                        .withType("object")
                        .addToProperties(
                            "replicas",
                            new JSONSchemaPropsBuilder()
                                .withType("integer")
                                .withMinimum(1.0)
                                .build())
                        .build())
                .build())
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }
}
