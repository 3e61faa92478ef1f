package io.imagesearch.operator;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.testsupport.RepositoryRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The operator's Helm chart as `helm install` would create it. */
final class OperatorChart {
  static final Path CHART = RepositoryRoot.find().resolve("helm/imagesearch-operator");
  static final String RELEASE_NAMESPACE = "imagesearch-system";

  private OperatorChart() {}

  /** templates/ rendered by helm-java (like `helm template`, which leaves crds/ out). */
  static String render(String release, Map<String, Object> values) {
    TemplateCommand template =
        new Helm(CHART).template().withName(release).withNamespace(RELEASE_NAMESPACE);
    values.forEach(template::set);
    return template.call();
  }

  /**
   * Every object the release creates: the files of crds/, which Helm applies unrendered before
   * anything else, then the rendered templates, the namespaced ones placed in the release namespace
   * where the template leaves it to `helm install --namespace`.
   */
  static List<HasMetadata> objects(
      KubernetesClient client, String release, Map<String, Object> values) {
    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> crds = Files.list(CHART.resolve("crds"))) {
      for (Path crd : crds.sorted().toList()) {
        try (InputStream in = Files.newInputStream(crd)) {
          objects.addAll(client.load(in).items());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    objects.addAll(
        client
            .load(
                new ByteArrayInputStream(render(release, values).getBytes(StandardCharsets.UTF_8)))
            .items());
    for (HasMetadata object : objects) {
      if (object instanceof Namespaced && object.getMetadata().getNamespace() == null) {
        object.getMetadata().setNamespace(RELEASE_NAMESPACE);
      }
    }
    return objects;
  }
}
