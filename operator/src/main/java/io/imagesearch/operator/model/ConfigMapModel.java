package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;

/**
 * The rendered service configuration, mounted read-only into every service pod, and the in-cluster
 * Milvus's embedded etcd configuration.
 */
public final class ConfigMapModel {
  private ConfigMapModel() {}

  public static String name(ImageSearchCluster cluster) {
    return Names.child(cluster, "config");
  }

  public static ConfigMap build(ImageSearchCluster cluster) {
    ConfigMapBuilder builder =
        new ConfigMapBuilder()
            .withMetadata(Names.metadata(cluster, name(cluster), "config"))
            .addToData(ServiceConfig.FILE, ServiceConfig.render(cluster));
    if (Dependency.MILVUS.inCluster(cluster)) {
      // The in-cluster Milvus mounts its embedded etcd configuration from here.
      builder.addToData(MilvusStandalone.ETCD_CONFIG_KEY, MilvusStandalone.ETCD_CONFIG);
    }
    return Names.owned(builder.build(), cluster);
  }
}
