package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.CredentialsModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generated credentials Secret, read by name every {@link ImageSearchClusterReconciler#RECHECK}
 * instead of watched: an informer on Secrets needs list and watch on every Secret of the watched
 * namespaces, which RBAC cannot narrow to the operator's own, while a GET by name needs only get. A
 * deleted Secret is therefore recreated on the next poll, not at once. The desired state starts
 * from the live Secret so its values are never regenerated.
 */
public final class CredentialsDependent
    extends PerResourcePollingDependentResource<Secret, ImageSearchCluster, ResourceID>
    implements Creator<Secret, ImageSearchCluster>, Updater<Secret, ImageSearchCluster> {
  public static final String NAME = "credentials";

  private volatile KubernetesClient client;

  public CredentialsDependent() {
    super(
        Secret.class,
        ImageSearchClusterReconciler.RECHECK,
        ResourceIDMapper.kubernetesResourceIdMapper());
  }

  @Override
  protected ExternalResourceCachingEventSource<Secret, ImageSearchCluster, ResourceID>
      createEventSource(EventSourceContext<ImageSearchCluster> context) {
    client = context.getClient();
    return super.createEventSource(context);
  }

  @Override
  public Set<Secret> fetchResources(ImageSearchCluster primary) {
    Secret secret =
        client
            .secrets()
            .inNamespace(primary.getMetadata().getNamespace())
            .withName(CredentialsModel.name(primary))
            .get();
    return secret == null ? Set.of() : Set.of(secret);
  }

  // Picked by name, not by desired(), which itself reads the live Secret.
  @Override
  protected Optional<Secret> selectTargetSecondaryResource(
      Set<Secret> secondaryResources,
      ImageSearchCluster primary,
      Context<ImageSearchCluster> context) {
    String name = CredentialsModel.name(primary);
    return secondaryResources.stream()
        .filter(s -> name.equals(s.getMetadata().getName()))
        .findFirst();
  }

  @Override
  protected Secret desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
    Map<String, String> existing =
        getSecondaryResource(primary, context).map(Secret::getData).orElse(Map.of());
    return CredentialsModel.build(primary, existing == null ? Map.of() : existing);
  }

  @Override
  public Secret create(
      Secret desired, ImageSearchCluster primary, Context<ImageSearchCluster> context) {
    return context.getClient().resource(desired).create();
  }

  /** The operator's labels, owner or a missing key, applied as the other children are. */
  @Override
  public Secret update(
      Secret actual,
      Secret desired,
      ImageSearchCluster primary,
      Context<ImageSearchCluster> context) {
    return context
        .getClient()
        .resource(desired)
        .fieldManager(context.getControllerConfiguration().fieldManager())
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Matches when the live Secret already has every desired key, label and owner; what others added
   * is theirs, as server-side apply leaves it.
   */
  @Override
  public Matcher.Result<Secret> match(
      Secret actual, ImageSearchCluster primary, Context<ImageSearchCluster> context) {
    Secret desired = desired(primary, context);
    boolean matches =
        containsAll(actual.getData(), desired.getData())
            && containsAll(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())
            && actual
                .getMetadata()
                .getOwnerReferences()
                .containsAll(desired.getMetadata().getOwnerReferences());
    return Matcher.Result.computed(matches, desired);
  }

  private static boolean containsAll(Map<String, String> actual, Map<String, String> desired) {
    return actual != null && actual.entrySet().containsAll(desired.entrySet());
  }
}
