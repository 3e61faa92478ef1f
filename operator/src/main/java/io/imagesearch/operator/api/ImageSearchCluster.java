package io.imagesearch.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.sundr.builder.annotations.Buildable;

/** One Image Search installation: its services, their dependencies, scaling and monitoring. */
@Group(ImageSearchCluster.GROUP)
@Version(ImageSearchCluster.VERSION)
@ShortNames("isc")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Workers",
    jsonPath = ".status.workers",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Queue",
    jsonPath = ".status.queueDepth",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Model",
    jsonPath = ".status.model.active",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Migration",
    jsonPath = ".status.model.progress",
    type = AdditionalPrinterColumn.Type.STRING)
// Declaring printer columns hides kubectl's implicit Age column, so it is declared again.
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@Buildable(editableEnabled = false, builderPackage = GeneratedBuilders.BASE_PACKAGE)
public class ImageSearchCluster
    extends CustomResource<ImageSearchClusterSpec, ImageSearchClusterStatus> implements Namespaced {
  public static final String GROUP = "imagesearch.io";
  public static final String VERSION = "v1alpha1";

  /** Set to "true" to stop the operator from touching this cluster's children. */
  public static final String PAUSED_ANNOTATION = GROUP + "/paused";

  @JsonIgnore
  public boolean isPaused() {
    return getMetadata().getAnnotations() != null
        && "true".equals(getMetadata().getAnnotations().get(PAUSED_ANNOTATION));
  }
}
