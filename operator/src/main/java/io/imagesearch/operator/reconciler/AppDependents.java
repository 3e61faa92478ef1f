package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Component;
import io.imagesearch.operator.model.ComponentNetworkPolicyModel;
import io.imagesearch.operator.model.DeploymentModel;
import io.imagesearch.operator.model.EmbeddingModel;
import io.imagesearch.operator.model.HpaModel;
import io.imagesearch.operator.model.ImageDefaults;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.model.PdbModel;
import io.imagesearch.operator.model.ServiceModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Dependents of the four services. JOSDK instantiates dependents by class, so each child is a
 * one-line subclass binding a {@link Component} to its model. Each carries its informer's label
 * selector itself: JOSDK reads {@code @KubernetesDependent} from the concrete class only.
 */
public final class AppDependents {
  /** Context key under which the reconciler leaves the worker replicas it decided. */
  public static final String WORKER_REPLICAS = "workerReplicas";

  /** Context key of the {@link EmbeddingModel} search-api loads, left by the reconciler. */
  public static final String SEARCH_API_MODEL = "searchApiModel";

  /** Context key of the operator's {@link ImageDefaults}, left by the reconciler. */
  public static final String IMAGE_DEFAULTS = "imageDefaults";

  private AppDependents() {}

  abstract static class AppDeployment
      extends CRUDKubernetesDependentResource<Deployment, ImageSearchCluster> {
    private final Component component;

    AppDeployment(Component component) {
      super(Deployment.class);
      this.component = component;
    }

    @Override
    protected Deployment desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return DeploymentModel.build(
          primary,
          component,
          replicas(primary, context),
          imageDefaults(context),
          context
              .managedWorkflowAndDependentResourceContext()
              .get(SEARCH_API_MODEL, EmbeddingModel.class)
              .orElseGet(() -> EmbeddingModel.of(primary)));
    }

    private Integer replicas(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      if (component == Component.WORKER) {
        return context
            .managedWorkflowAndDependentResourceContext()
            .get(WORKER_REPLICAS, Integer.class)
            .orElse(null);
      }
      // With an HPA the field is left out so the HPA alone owns it.
      return HpaModel.enabled(primary, component) ? null : component.spec(primary).replicas;
    }
  }

  /** The operator's image defaults; the built-in ones if the reconciler left none. */
  static ImageDefaults imageDefaults(Context<ImageSearchCluster> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(IMAGE_DEFAULTS, ImageDefaults.class)
        .orElse(ImageDefaults.BUILT_IN);
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class IngestApiDeployment extends AppDeployment {
    public static final String NAME = "ingest-api";

    public IngestApiDeployment() {
      super(Component.INGEST_API);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class WorkerDeployment extends AppDeployment {
    public static final String NAME = "worker";

    public WorkerDeployment() {
      super(Component.WORKER);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class SearchApiDeployment extends AppDeployment {
    public static final String NAME = "search-api";

    public SearchApiDeployment() {
      super(Component.SEARCH_API);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class CdnDeployment extends AppDeployment {
    public static final String NAME = "cdn";

    public CdnDeployment() {
      super(Component.CDN);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class IngestApiService extends ModelDependent<Service> {
    public static final String NAME = "ingest-api-service";

    public IngestApiService() {
      super(Service.class, c -> ServiceModel.forComponent(c, Component.INGEST_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class WorkerService extends ModelDependent<Service> {
    public static final String NAME = "worker-service";

    public WorkerService() {
      super(Service.class, c -> ServiceModel.forComponent(c, Component.WORKER));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class SearchApiService extends ModelDependent<Service> {
    public static final String NAME = "search-api-service";

    public SearchApiService() {
      super(Service.class, c -> ServiceModel.forComponent(c, Component.SEARCH_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class CdnService extends ModelDependent<Service> {
    public static final String NAME = "cdn-service";

    public CdnService() {
      super(Service.class, c -> ServiceModel.forComponent(c, Component.CDN));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class IngestApiPdb extends ModelDependent<PodDisruptionBudget> {
    public static final String NAME = "ingest-api-pdb";

    public IngestApiPdb() {
      super(PodDisruptionBudget.class, c -> PdbModel.build(c, Component.INGEST_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class WorkerPdb extends ModelDependent<PodDisruptionBudget> {
    public static final String NAME = "worker-pdb";

    public WorkerPdb() {
      super(PodDisruptionBudget.class, c -> PdbModel.build(c, Component.WORKER));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class SearchApiPdb extends ModelDependent<PodDisruptionBudget> {
    public static final String NAME = "search-api-pdb";

    public SearchApiPdb() {
      super(PodDisruptionBudget.class, c -> PdbModel.build(c, Component.SEARCH_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class CdnPdb extends ModelDependent<PodDisruptionBudget> {
    public static final String NAME = "cdn-pdb";

    public CdnPdb() {
      super(PodDisruptionBudget.class, c -> PdbModel.build(c, Component.CDN));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class IngestApiHpa extends ModelDependent<HorizontalPodAutoscaler> {
    public static final String NAME = "ingest-api-hpa";

    public IngestApiHpa() {
      super(HorizontalPodAutoscaler.class, c -> HpaModel.build(c, Component.INGEST_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class SearchApiHpa extends ModelDependent<HorizontalPodAutoscaler> {
    public static final String NAME = "search-api-hpa";

    public SearchApiHpa() {
      super(HorizontalPodAutoscaler.class, c -> HpaModel.build(c, Component.SEARCH_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class IngestApiNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "ingest-api-network-policy";

    public IngestApiNetworkPolicy() {
      super(NetworkPolicy.class, c -> ComponentNetworkPolicyModel.build(c, Component.INGEST_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class WorkerNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "worker-network-policy";

    public WorkerNetworkPolicy() {
      super(NetworkPolicy.class, c -> ComponentNetworkPolicyModel.build(c, Component.WORKER));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class SearchApiNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "search-api-network-policy";

    public SearchApiNetworkPolicy() {
      super(NetworkPolicy.class, c -> ComponentNetworkPolicyModel.build(c, Component.SEARCH_API));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class CdnNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "cdn-network-policy";

    public CdnNetworkPolicy() {
      super(NetworkPolicy.class, c -> ComponentNetworkPolicyModel.build(c, Component.CDN));
    }
  }
}
