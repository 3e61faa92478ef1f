package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Component;
import io.imagesearch.operator.model.Dependency;
import io.imagesearch.operator.model.GrafanaDashboardsModel;
import io.imagesearch.operator.model.HpaModel;
import io.imagesearch.operator.model.IngressModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.function.Predicate;

/** Workflow conditions: which optional children exist, and when the services may start. */
public final class Conditions {
  private Conditions() {}

  /** A condition on the cluster's spec only. */
  abstract static class SpecCondition implements Condition<Object, ImageSearchCluster> {
    private final Predicate<ImageSearchCluster> test;

    SpecCondition(Predicate<ImageSearchCluster> test) {
      this.test = test;
    }

    @Override
    public boolean isMet(
        DependentResource<Object, ImageSearchCluster> dependent,
        ImageSearchCluster primary,
        Context<ImageSearchCluster> context) {
      return test.test(primary);
    }
  }

  public static final class RedisInCluster extends SpecCondition {
    public RedisInCluster() {
      super(Dependency.REDIS::inCluster);
    }
  }

  public static final class MilvusInCluster extends SpecCondition {
    public MilvusInCluster() {
      super(Dependency.MILVUS::inCluster);
    }
  }

  public static final class ObjectStoreInCluster extends SpecCondition {
    public ObjectStoreInCluster() {
      super(Dependency.OBJECT_STORE::inCluster);
    }
  }

  public static final class IngestApiHpa extends SpecCondition {
    public IngestApiHpa() {
      super(c -> HpaModel.enabled(c, Component.INGEST_API));
    }
  }

  public static final class SearchApiHpa extends SpecCondition {
    public SearchApiHpa() {
      super(c -> HpaModel.enabled(c, Component.SEARCH_API));
    }
  }

  public static final class GrafanaDashboardsWanted extends SpecCondition {
    public GrafanaDashboardsWanted() {
      super(GrafanaDashboardsModel::wanted);
    }
  }

  public static final class IngressEnabled extends SpecCondition {
    public IngressEnabled() {
      super(IngressModel::enabled);
    }
  }

  /** Wanted by the spec and its CRD installed (see {@link OptionalKind}). */
  abstract static class CrdPresent implements Condition<Object, ImageSearchCluster> {
    private final OptionalKind kind;

    CrdPresent(OptionalKind kind) {
      this.kind = kind;
    }

    @Override
    public boolean isMet(
        DependentResource<Object, ImageSearchCluster> dependent,
        ImageSearchCluster primary,
        Context<ImageSearchCluster> context) {
      return kind.usable(primary, context.getClient());
    }
  }

  public static final class ServiceMonitorWanted extends CrdPresent {
    public ServiceMonitorWanted() {
      super(OptionalKind.SERVICE_MONITOR);
    }
  }

  public static final class PrometheusRuleWanted extends CrdPresent {
    public PrometheusRuleWanted() {
      super(OptionalKind.PROMETHEUS_RULE);
    }
  }

  public static final class ScaledObjectWanted extends CrdPresent {
    public ScaledObjectWanted() {
      super(OptionalKind.SCALED_OBJECT);
    }
  }

  /**
   * Ready postcondition of the config node the services depend on: every in-cluster dependency's
   * StatefulSet has a ready replica. The services start only then, and never wait on an external
   * dependency (whose StatefulSet is inactive, hence cannot sit in the dependsOn graph itself: an
   * inactive node makes JOSDK delete everything that depends on it).
   */
  public static final class DependenciesReady
      implements Condition<HasMetadata, ImageSearchCluster> {
    @Override
    public boolean isMet(
        DependentResource<HasMetadata, ImageSearchCluster> dependent,
        ImageSearchCluster primary,
        Context<ImageSearchCluster> context) {
      for (Dependency dependency : Dependency.values()) {
        if (dependency.inCluster(primary)
            && !Readiness.statefulSetReady(context, dependency.name(primary))) {
          return false;
        }
      }
      return true;
    }
  }

  /** Readiness read from the informer caches. */
  public static final class Readiness {
    private Readiness() {}

    public static boolean statefulSetReady(Context<ImageSearchCluster> context, String name) {
      return context
          .getSecondaryResourcesAsStream(StatefulSet.class)
          .filter(s -> s.getMetadata().getName().equals(name))
          .anyMatch(
              s ->
                  s.getStatus() != null
                      && s.getStatus().getReadyReplicas() != null
                      && s.getStatus().getReadyReplicas() >= s.getSpec().getReplicas());
    }
  }
}
