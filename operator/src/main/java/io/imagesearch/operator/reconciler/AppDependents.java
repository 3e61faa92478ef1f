package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Component;
import io.imagesearch.operator.model.DeploymentModel;
import io.imagesearch.operator.model.HpaModel;
import io.imagesearch.operator.model.PdbModel;
import io.imagesearch.operator.model.ServiceModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * Dependents of the four services. JOSDK instantiates dependents by class, so each child is a
 * one-line subclass binding a {@link Component} to its model.
 */
public final class AppDependents {
  /** Context key under which the reconciler leaves the worker replicas it decided. */
  public static final String WORKER_REPLICAS = "workerReplicas";

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
      return DeploymentModel.build(primary, component, replicas(primary, context));
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

  public static final class IngestApiDeployment extends AppDeployment {
    public IngestApiDeployment() {
      super(Component.INGEST_API);
    }
  }

  public static final class WorkerDeployment extends AppDeployment {
    public WorkerDeployment() {
      super(Component.WORKER);
    }
  }

  public static final class SearchApiDeployment extends AppDeployment {
    public SearchApiDeployment() {
      super(Component.SEARCH_API);
    }
  }

  public static final class CdnDeployment extends AppDeployment {
    public CdnDeployment() {
      super(Component.CDN);
    }
  }

  abstract static class AppService
      extends CRUDKubernetesDependentResource<Service, ImageSearchCluster> {
    private final Component component;

    AppService(Component component) {
      super(Service.class);
      this.component = component;
    }

    @Override
    protected Service desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return ServiceModel.forComponent(primary, component);
    }
  }

  public static final class IngestApiService extends AppService {
    public IngestApiService() {
      super(Component.INGEST_API);
    }
  }

  public static final class WorkerService extends AppService {
    public WorkerService() {
      super(Component.WORKER);
    }
  }

  public static final class SearchApiService extends AppService {
    public SearchApiService() {
      super(Component.SEARCH_API);
    }
  }

  public static final class CdnService extends AppService {
    public CdnService() {
      super(Component.CDN);
    }
  }

  abstract static class AppPdb
      extends CRUDKubernetesDependentResource<PodDisruptionBudget, ImageSearchCluster> {
    private final Component component;

    AppPdb(Component component) {
      super(PodDisruptionBudget.class);
      this.component = component;
    }

    @Override
    protected PodDisruptionBudget desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return PdbModel.build(primary, component);
    }
  }

  public static final class IngestApiPdb extends AppPdb {
    public IngestApiPdb() {
      super(Component.INGEST_API);
    }
  }

  public static final class WorkerPdb extends AppPdb {
    public WorkerPdb() {
      super(Component.WORKER);
    }
  }

  public static final class SearchApiPdb extends AppPdb {
    public SearchApiPdb() {
      super(Component.SEARCH_API);
    }
  }

  public static final class CdnPdb extends AppPdb {
    public CdnPdb() {
      super(Component.CDN);
    }
  }

  abstract static class AppHpa
      extends CRUDKubernetesDependentResource<HorizontalPodAutoscaler, ImageSearchCluster> {
    private final Component component;

    AppHpa(Component component) {
      super(HorizontalPodAutoscaler.class);
      this.component = component;
    }

    @Override
    protected HorizontalPodAutoscaler desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return HpaModel.build(primary, component);
    }
  }

  public static final class IngestApiHpa extends AppHpa {
    public IngestApiHpa() {
      super(Component.INGEST_API);
    }
  }

  public static final class SearchApiHpa extends AppHpa {
    public SearchApiHpa() {
      super(Component.SEARCH_API);
    }
  }
}
