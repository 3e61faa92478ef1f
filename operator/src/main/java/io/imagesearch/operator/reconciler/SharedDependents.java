package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.ConfigMapModel;
import io.imagesearch.operator.model.CredentialsModel;
import io.imagesearch.operator.model.GrafanaDashboardsModel;
import io.imagesearch.operator.model.IngressModel;
import io.imagesearch.operator.model.MonitoringModel;
import io.imagesearch.operator.model.ScaledObjectModel;
import io.imagesearch.operator.optional.PrometheusRule;
import io.imagesearch.operator.optional.ScaledObject;
import io.imagesearch.operator.optional.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;

/** Children shared by all services, and the optional ones. */
public final class SharedDependents {
  private SharedDependents() {}

  public static final class ConfigDependent
      extends CRUDKubernetesDependentResource<ConfigMap, ImageSearchCluster> {
    public ConfigDependent() {
      super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return ConfigMapModel.build(primary);
    }
  }

  /** The desired state starts from the live Secret so its values are never regenerated. */
  public static final class CredentialsDependent
      extends CRUDKubernetesDependentResource<Secret, ImageSearchCluster> {
    public CredentialsDependent() {
      super(Secret.class);
    }

    @Override
    protected Secret desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      Map<String, String> existing =
          getSecondaryResource(primary, context).map(Secret::getData).orElse(Map.of());
      return CredentialsModel.build(primary, existing == null ? Map.of() : existing);
    }

    // Looked up by name, not by desired(), which itself reads the live Secret.
    @Override
    protected ResourceID targetSecondaryResourceID(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return new ResourceID(CredentialsModel.name(primary), primary.getMetadata().getNamespace());
    }
  }

  public static final class GrafanaDashboardsDependent
      extends CRUDKubernetesDependentResource<ConfigMap, ImageSearchCluster> {
    public GrafanaDashboardsDependent() {
      super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return GrafanaDashboardsModel.build(primary);
    }
  }

  public static final class IngressDependent
      extends CRUDKubernetesDependentResource<Ingress, ImageSearchCluster> {
    public IngressDependent() {
      super(Ingress.class);
    }

    @Override
    protected Ingress desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return IngressModel.build(primary);
    }
  }

  public static final class ServiceMonitorDependent
      extends CRUDKubernetesDependentResource<ServiceMonitor, ImageSearchCluster> {
    public ServiceMonitorDependent() {
      super(ServiceMonitor.class);
    }

    @Override
    protected ServiceMonitor desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return MonitoringModel.serviceMonitor(primary);
    }
  }

  public static final class PrometheusRuleDependent
      extends CRUDKubernetesDependentResource<PrometheusRule, ImageSearchCluster> {
    public PrometheusRuleDependent() {
      super(PrometheusRule.class);
    }

    @Override
    protected PrometheusRule desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return MonitoringModel.prometheusRule(primary);
    }
  }

  public static final class ScaledObjectDependent
      extends CRUDKubernetesDependentResource<ScaledObject, ImageSearchCluster> {
    public ScaledObjectDependent() {
      super(ScaledObject.class);
    }

    @Override
    protected ScaledObject desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return ScaledObjectModel.build(primary);
    }
  }
}
