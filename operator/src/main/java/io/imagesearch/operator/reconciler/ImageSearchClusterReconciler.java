package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.api.ImageSearchClusterStatus;
import io.imagesearch.operator.api.ModelStatus;
import io.imagesearch.operator.migration.EventRecorder;
import io.imagesearch.operator.migration.MigrationEvent;
import io.imagesearch.operator.migration.MigrationReport;
import io.imagesearch.operator.migration.ModelStateSource;
import io.imagesearch.operator.model.Component;
import io.imagesearch.operator.model.Dependency;
import io.imagesearch.operator.model.EmbeddingModel;
import io.imagesearch.operator.model.ImageDefaults;
import io.imagesearch.operator.reconciler.AppDependents.CdnDeployment;
import io.imagesearch.operator.reconciler.AppDependents.CdnNetworkPolicy;
import io.imagesearch.operator.reconciler.AppDependents.CdnPdb;
import io.imagesearch.operator.reconciler.AppDependents.CdnService;
import io.imagesearch.operator.reconciler.AppDependents.IngestApiDeployment;
import io.imagesearch.operator.reconciler.AppDependents.IngestApiNetworkPolicy;
import io.imagesearch.operator.reconciler.AppDependents.IngestApiPdb;
import io.imagesearch.operator.reconciler.AppDependents.IngestApiService;
import io.imagesearch.operator.reconciler.AppDependents.SearchApiDeployment;
import io.imagesearch.operator.reconciler.AppDependents.SearchApiNetworkPolicy;
import io.imagesearch.operator.reconciler.AppDependents.SearchApiPdb;
import io.imagesearch.operator.reconciler.AppDependents.SearchApiService;
import io.imagesearch.operator.reconciler.AppDependents.WorkerDeployment;
import io.imagesearch.operator.reconciler.AppDependents.WorkerNetworkPolicy;
import io.imagesearch.operator.reconciler.AppDependents.WorkerPdb;
import io.imagesearch.operator.reconciler.AppDependents.WorkerService;
import io.imagesearch.operator.reconciler.DataDependents.MilvusNetworkPolicy;
import io.imagesearch.operator.reconciler.DataDependents.MilvusService;
import io.imagesearch.operator.reconciler.DataDependents.MilvusStatefulSet;
import io.imagesearch.operator.reconciler.DataDependents.MinioNetworkPolicy;
import io.imagesearch.operator.reconciler.DataDependents.MinioService;
import io.imagesearch.operator.reconciler.DataDependents.MinioStatefulSet;
import io.imagesearch.operator.reconciler.DataDependents.RedisNetworkPolicy;
import io.imagesearch.operator.reconciler.DataDependents.RedisService;
import io.imagesearch.operator.reconciler.DataDependents.RedisStatefulSet;
import io.imagesearch.operator.reconciler.SharedDependents.ConfigDependent;
import io.imagesearch.operator.reconciler.SharedDependents.GrafanaDashboardsDependent;
import io.imagesearch.operator.reconciler.SharedDependents.IngressDependent;
import io.imagesearch.operator.reconciler.SharedDependents.PrometheusRuleDependent;
import io.imagesearch.operator.reconciler.SharedDependents.ScaledObjectDependent;
import io.imagesearch.operator.reconciler.SharedDependents.ServiceMonitorDependent;
import io.imagesearch.operator.scaling.BacklogPolling;
import io.imagesearch.operator.scaling.WorkerScaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reconciles an ImageSearchCluster into its children (declared below as a JOSDK workflow), then
 * writes the status when, and only when, it changed.
 */
// Generation-aware filtering would drop an annotation-only change, hence resuming a paused
// cluster: the filter passes spec changes and pause changes, not status writes.
@ControllerConfiguration(
    name = ImageSearchClusterReconciler.NAME,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrPauseChanged.class))
@Workflow(
    // Invoked explicitly so that a paused cluster is left entirely alone.
    explicitInvocation = true,
    dependents = {
      @Dependent(name = CredentialsDependent.NAME, type = CredentialsDependent.class),
      @Dependent(
          name = ConfigDependent.NAME,
          type = ConfigDependent.class,
          readyPostcondition = Conditions.DependenciesReady.class),
      @Dependent(
          name = RedisStatefulSet.NAME,
          type = RedisStatefulSet.class,
          dependsOn = CredentialsDependent.NAME,
          activationCondition = Conditions.RedisInCluster.class),
      @Dependent(
          name = RedisService.NAME,
          type = RedisService.class,
          activationCondition = Conditions.RedisInCluster.class),
      @Dependent(
          name = RedisNetworkPolicy.NAME,
          type = RedisNetworkPolicy.class,
          activationCondition = Conditions.RedisInCluster.class),
      @Dependent(
          name = MilvusStatefulSet.NAME,
          type = MilvusStatefulSet.class,
          activationCondition = Conditions.MilvusInCluster.class),
      @Dependent(
          name = MilvusService.NAME,
          type = MilvusService.class,
          activationCondition = Conditions.MilvusInCluster.class),
      @Dependent(
          name = MilvusNetworkPolicy.NAME,
          type = MilvusNetworkPolicy.class,
          activationCondition = Conditions.MilvusInCluster.class),
      @Dependent(
          name = MinioStatefulSet.NAME,
          type = MinioStatefulSet.class,
          dependsOn = CredentialsDependent.NAME,
          activationCondition = Conditions.ObjectStoreInCluster.class),
      @Dependent(
          name = MinioService.NAME,
          type = MinioService.class,
          activationCondition = Conditions.ObjectStoreInCluster.class),
      @Dependent(
          name = MinioNetworkPolicy.NAME,
          type = MinioNetworkPolicy.class,
          activationCondition = Conditions.ObjectStoreInCluster.class),
      // The services start once config exists and every in-cluster dependency is ready.
      @Dependent(
          name = IngestApiDeployment.NAME,
          type = IngestApiDeployment.class,
          dependsOn = {ConfigDependent.NAME, CredentialsDependent.NAME}),
      @Dependent(
          name = WorkerDeployment.NAME,
          type = WorkerDeployment.class,
          dependsOn = {ConfigDependent.NAME, CredentialsDependent.NAME}),
      @Dependent(
          name = SearchApiDeployment.NAME,
          type = SearchApiDeployment.class,
          dependsOn = {ConfigDependent.NAME, CredentialsDependent.NAME}),
      @Dependent(
          name = CdnDeployment.NAME,
          type = CdnDeployment.class,
          dependsOn = {ConfigDependent.NAME, CredentialsDependent.NAME}),
      @Dependent(name = IngestApiService.NAME, type = IngestApiService.class),
      @Dependent(name = WorkerService.NAME, type = WorkerService.class),
      @Dependent(name = SearchApiService.NAME, type = SearchApiService.class),
      @Dependent(name = CdnService.NAME, type = CdnService.class),
      @Dependent(name = IngestApiPdb.NAME, type = IngestApiPdb.class),
      @Dependent(name = WorkerPdb.NAME, type = WorkerPdb.class),
      @Dependent(name = SearchApiPdb.NAME, type = SearchApiPdb.class),
      @Dependent(name = CdnPdb.NAME, type = CdnPdb.class),
      @Dependent(name = IngestApiNetworkPolicy.NAME, type = IngestApiNetworkPolicy.class),
      @Dependent(name = WorkerNetworkPolicy.NAME, type = WorkerNetworkPolicy.class),
      @Dependent(name = SearchApiNetworkPolicy.NAME, type = SearchApiNetworkPolicy.class),
      @Dependent(name = CdnNetworkPolicy.NAME, type = CdnNetworkPolicy.class),
      @Dependent(
          name = AppDependents.IngestApiHpa.NAME,
          type = AppDependents.IngestApiHpa.class,
          activationCondition = Conditions.IngestApiHpa.class),
      @Dependent(
          name = AppDependents.SearchApiHpa.NAME,
          type = AppDependents.SearchApiHpa.class,
          activationCondition = Conditions.SearchApiHpa.class),
      @Dependent(
          name = GrafanaDashboardsDependent.NAME,
          type = GrafanaDashboardsDependent.class,
          activationCondition = Conditions.GrafanaDashboardsWanted.class),
      @Dependent(
          name = IngressDependent.NAME,
          type = IngressDependent.class,
          activationCondition = Conditions.IngressEnabled.class),
      @Dependent(
          name = ServiceMonitorDependent.NAME,
          type = ServiceMonitorDependent.class,
          activationCondition = Conditions.ServiceMonitorWanted.class),
      @Dependent(
          name = PrometheusRuleDependent.NAME,
          type = PrometheusRuleDependent.class,
          activationCondition = Conditions.PrometheusRuleWanted.class),
      @Dependent(
          name = ScaledObjectDependent.NAME,
          type = ScaledObjectDependent.class,
          activationCondition = Conditions.ScaledObjectWanted.class),
    })
public class ImageSearchClusterReconciler implements Reconciler<ImageSearchCluster> {
  public static final String NAME = "imagesearchcluster";

  /**
   * When a cluster's scale-down window may have ended (a rise in demand is seen sooner, by {@link
   * BacklogPolling}), retry of a blocked cluster, and how soon a wanted optional CRD installed
   * later is noticed.
   */
  static final Duration RECHECK = Duration.ofSeconds(30);

  /**
   * How often the model state is read while a change of model runs: its progress and the switch are
   * written to Redis, which no Kubernetes event announces.
   */
  static final Duration MIGRATION_RECHECK = Duration.ofSeconds(5);

  private final WorkerScaler scaler;
  private final ModelStateSource modelStates;
  private final Clock clock;
  private final ImageDefaults images;

  public ImageSearchClusterReconciler(WorkerScaler scaler, Clock clock, ImageDefaults images) {
    this(scaler, ModelStateSource.NONE, clock, images);
  }

  public ImageSearchClusterReconciler(
      WorkerScaler scaler, ModelStateSource modelStates, Clock clock, ImageDefaults images) {
    this.scaler = scaler;
    this.modelStates = modelStates;
    this.clock = clock;
    this.images = images;
  }

  /** The pods of the children, read for the status only (see {@link ComponentPods}). */
  @Override
  public List<EventSource<?, ImageSearchCluster>> prepareEventSources(
      EventSourceContext<ImageSearchCluster> context) {
    return List.of(ComponentPods.eventSource(context), BacklogPolling.eventSource(context, scaler));
  }

  @Override
  public UpdateControl<ImageSearchCluster> reconcile(
      ImageSearchCluster cluster, Context<ImageSearchCluster> context) {
    if (cluster.isPaused()) {
      return writeIfChanged(cluster, StatusModel.paused(cluster, clock.instant()));
    }
    WorkerScaler.Result workers = scaler.decide(cluster);
    var workflow = context.managedWorkflowAndDependentResourceContext();
    if (workers.replicas() != null) {
      workflow.put(AppDependents.WORKER_REPLICAS, workers.replicas());
    }
    workflow.put(AppDependents.IMAGE_DEFAULTS, images);
    MigrationReport models =
        MigrationReport.of(
            cluster, modelStates.read(cluster), runningSearchModel(cluster, context));
    workflow.put(AppDependents.SEARCH_API_MODEL, models.searchModel());
    workflow.reconcileManagedWorkflow().throwAggregateExceptionIfErrorsPresent();

    var missing = MissingSecrets.find(cluster, context.getClient());
    List<String> secretProblems = SecuritySecrets.problems(cluster, context.getClient());
    Instant now = clock.instant();
    Map<String, List<Pod>> pods = ComponentPods.byComponent(context);
    var observation =
        new StatusModel.Observation(
            workloads(cluster, pods, context, now),
            missing,
            secretProblems,
            workers.replicas(),
            workers.backlog(),
            models);
    ImageSearchClusterStatus status = StatusModel.build(cluster, observation, now);
    recordModelEvents(cluster, status, models, context, now);
    UpdateControl<ImageSearchCluster> control = writeIfChanged(cluster, status);
    // A pod waiting for a node is reported only after a grace, which no event marks: look again.
    boolean polling =
        cluster.getSpec().worker.autoscaling != null
            || !missing.isEmpty()
            || !secretProblems.isEmpty()
            || pods.values().stream().flatMap(List::stream).anyMatch(PodProblems::waitingForANode)
            || OptionalKind.anyMissing(cluster, context.getClient());
    if ("True".equals(models.condition())) {
      return control.rescheduleAfter(MIGRATION_RECHECK);
    }
    return polling || models.changing() ? control.rescheduleAfter(RECHECK) : control;
  }

  /** The model search-api's Deployment loads now, if it exists. */
  private static Optional<EmbeddingModel> runningSearchModel(
      ImageSearchCluster cluster, Context<ImageSearchCluster> context) {
    String name = Component.SEARCH_API.name(cluster);
    return context
        .getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .flatMap(
            d ->
                d.getSpec().getTemplate().getSpec().getContainers().stream()
                    .findFirst()
                    .flatMap(c -> EmbeddingModel.fromEnv(c.getEnv())));
  }

  /**
   * One Event per step of a change of model, found against the status last written. The step is
   * named by both statuses and the generation, so a retry re-sends the same Event (refused as a
   * copy) while a second rollback after a new spec change is a new one.
   */
  private static void recordModelEvents(
      ImageSearchCluster cluster,
      ImageSearchClusterStatus status,
      MigrationReport models,
      Context<ImageSearchCluster> context,
      Instant now) {
    ModelStatus before = cluster.getStatus() == null ? null : cluster.getStatus().model;
    List<MigrationEvent> events = MigrationEvent.between(before, status.model, models.message());
    if (events.isEmpty()) {
      return;
    }
    String step =
        cluster.getMetadata().getGeneration()
            + "|"
            + (before == null ? "" : before.active + "|" + before.target + "|" + before.phase)
            + "|"
            + status.model.active
            + "|"
            + status.model.target
            + "|"
            + status.model.phase;
    EventRecorder recorder = new EventRecorder(context.getClient());
    events.forEach(e -> recorder.record(cluster, e, step, now));
  }

  /**
   * Says in the status why the reconciliation failed; JOSDK retries it as usual (and logs the
   * exception with its stack trace).
   */
  @Override
  public ErrorStatusUpdateControl<ImageSearchCluster> updateErrorStatus(
      ImageSearchCluster cluster, Context<ImageSearchCluster> context, Exception error) {
    ImageSearchClusterStatus status = StatusModel.failed(cluster, error, clock.instant());
    return status.equals(cluster.getStatus())
        ? ErrorStatusUpdateControl.noStatusUpdate()
        : ErrorStatusUpdateControl.patchStatus(statusPatch(cluster, status));
  }

  private static UpdateControl<ImageSearchCluster> writeIfChanged(
      ImageSearchCluster cluster, ImageSearchClusterStatus status) {
    return status.equals(cluster.getStatus())
        ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(statusPatch(cluster, status));
  }

  /**
   * Only the status, without a resourceVersion: a server-side apply of the operator's own field
   * cannot conflict, while the whole object with its version failed with 409 whenever the resource
   * changed after the event (JOSDK then retried after its backoff of 2 s).
   */
  private static ImageSearchCluster statusPatch(
      ImageSearchCluster cluster, ImageSearchClusterStatus status) {
    ImageSearchCluster patch = new ImageSearchCluster();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(cluster.getMetadata().getName())
            .withNamespace(cluster.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return patch;
  }

  /** The health of every workload that exists, read from the caches with its pods. */
  private static Map<String, WorkloadHealth> workloads(
      ImageSearchCluster cluster,
      Map<String, List<Pod>> pods,
      Context<ImageSearchCluster> context,
      Instant now) {
    Map<String, WorkloadHealth> workloads = new TreeMap<>();
    for (Component component : Component.values()) {
      String name = component.name(cluster);
      context
          .getSecondaryResourcesAsStream(Deployment.class)
          .filter(d -> d.getMetadata().getName().equals(name))
          .findFirst()
          .ifPresent(
              d ->
                  workloads.put(
                      component.statusKey(),
                      WorkloadHealth.of(
                          component.id(), d, pods.getOrDefault(component.id(), List.of()), now)));
    }
    for (Dependency dependency : Dependency.values()) {
      if (!dependency.inCluster(cluster)) {
        continue;
      }
      String name = dependency.name(cluster);
      context
          .getSecondaryResourcesAsStream(StatefulSet.class)
          .filter(s -> s.getMetadata().getName().equals(name))
          .findFirst()
          .ifPresent(
              s ->
                  workloads.put(
                      dependency.statusKey(),
                      WorkloadHealth.of(
                          dependency.id(), s, pods.getOrDefault(dependency.id(), List.of()), now)));
    }
    return workloads;
  }
}
