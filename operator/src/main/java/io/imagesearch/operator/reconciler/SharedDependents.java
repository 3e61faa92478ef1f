package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.imagesearch.operator.model.ConfigMapModel;
import io.imagesearch.operator.model.GrafanaDashboardsModel;
import io.imagesearch.operator.model.IngressModel;
import io.imagesearch.operator.model.MonitoringModel;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.model.ScaledObjectModel;
import io.imagesearch.operator.optional.PrometheusRule;
import io.imagesearch.operator.optional.ScaledObject;
import io.imagesearch.operator.optional.ServiceMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Children shared by all services, and the optional ones; the informer selectors as in {@link
 * AppDependents}.
 */
public final class SharedDependents {
  private SharedDependents() {}

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class ConfigDependent extends ModelDependent<ConfigMap> {
    public static final String NAME = "config";

    public ConfigDependent() {
      super(ConfigMap.class, ConfigMapModel::build);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class GrafanaDashboardsDependent extends ModelDependent<ConfigMap> {
    public static final String NAME = "grafana-dashboards";

    public GrafanaDashboardsDependent() {
      super(ConfigMap.class, GrafanaDashboardsModel::build);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class IngressDependent extends ModelDependent<Ingress> {
    public static final String NAME = "ingress";

    public IngressDependent() {
      super(Ingress.class, IngressModel::build);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class ServiceMonitorDependent extends ModelDependent<ServiceMonitor> {
    public static final String NAME = "service-monitor";

    public ServiceMonitorDependent() {
      super(ServiceMonitor.class, MonitoringModel::serviceMonitor);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class PrometheusRuleDependent extends ModelDependent<PrometheusRule> {
    public static final String NAME = "prometheus-rule";

    public PrometheusRuleDependent() {
      super(PrometheusRule.class, MonitoringModel::prometheusRule);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class ScaledObjectDependent extends ModelDependent<ScaledObject> {
    public static final String NAME = "scaled-object";

    public ScaledObjectDependent() {
      super(ScaledObject.class, ScaledObjectModel::build);
    }
  }
}
