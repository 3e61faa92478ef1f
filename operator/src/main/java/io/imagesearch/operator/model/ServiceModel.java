package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;

/** ClusterIP Services in front of the services and the in-cluster dependencies. */
public final class ServiceModel {
  private ServiceModel() {}

  /** The HTTP port, the cdn's delivery port, and the management port the ServiceMonitor scrapes. */
  public static Service forComponent(ImageSearchCluster cluster, Component component) {
    Service service =
        build(
            cluster,
            component.name(cluster),
            component.id(),
            port(Component.HTTP_PORT_NAME, Component.HTTP_PORT));
    List<ServicePort> ports = service.getSpec().getPorts();
    if (component == Component.CDN) {
      ports.add(port(Component.DELIVERY_PORT_NAME, Component.DELIVERY_PORT));
    }
    ports.add(port(Component.MANAGEMENT_PORT_NAME, Component.MANAGEMENT_PORT));
    return service;
  }

  public static Service forDependency(ImageSearchCluster cluster, Dependency dependency) {
    Service service =
        build(
            cluster,
            dependency.name(cluster),
            dependency.id(),
            port(dependency.id(), dependency.workload().port()));
    if (dependency == Dependency.MILVUS) {
      service.getSpec().getPorts().add(port("metrics", MilvusStandalone.HEALTH_PORT));
    }
    return service;
  }

  private static Service build(
      ImageSearchCluster cluster, String name, String component, ServicePort port) {
    return Names.owned(
        new ServiceBuilder()
            .withMetadata(Names.metadata(cluster, name, component))
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(Names.selector(cluster, component))
            .addToPorts(port)
            .endSpec()
            .build(),
        cluster);
  }

  private static ServicePort port(String name, int port) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port)
        .withTargetPort(new IntOrString(port))
        .withProtocol("TCP")
        .build();
  }
}
