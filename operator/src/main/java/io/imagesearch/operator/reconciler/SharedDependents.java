package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.ConfigMapModel;
import io.imagesearch.operator.model.CredentialsModel;
import io.imagesearch.operator.model.IngressModel;
import io.imagesearch.operator.model.MonitoringModel;
import io.imagesearch.operator.model.ScaledObjectModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
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
      extends GenericKubernetesDependentResource<ImageSearchCluster> {
    public ServiceMonitorDependent() {
      super(new GroupVersionKind("monitoring.coreos.com", "v1", "ServiceMonitor"));
    }

    @Override
    protected GenericKubernetesResource desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return MonitoringModel.serviceMonitor(primary);
    }
  }

  public static final class PrometheusRuleDependent
      extends GenericKubernetesDependentResource<ImageSearchCluster> {
    public PrometheusRuleDependent() {
      super(new GroupVersionKind("monitoring.coreos.com", "v1", "PrometheusRule"));
    }

    @Override
    protected GenericKubernetesResource desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return MonitoringModel.prometheusRule(primary);
    }
  }

  public static final class ScaledObjectDependent
      extends GenericKubernetesDependentResource<ImageSearchCluster> {
    public ScaledObjectDependent() {
      super(new GroupVersionKind("keda.sh", "v1alpha1", "ScaledObject"));
    }

    @Override
    protected GenericKubernetesResource desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return ScaledObjectModel.build(primary);
    }
  }
}
