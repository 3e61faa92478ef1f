package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;

/** The rendered service configuration, mounted read-only into every service pod. */
public final class ConfigMapModel {
  private ConfigMapModel() {}

  public static String name(ImageSearchCluster cluster) {
    return Names.child(cluster, "config");
  }

  public static ConfigMap build(ImageSearchCluster cluster) {
    return Names.owned(
        new ConfigMapBuilder()
            .withMetadata(Names.metadata(cluster, name(cluster), "config"))
            .addToData(ServiceConfig.FILE, ServiceConfig.render(cluster))
            .build(),
        cluster);
  }
}
