package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Dependency;
import io.imagesearch.operator.model.NetworkPolicyModel;
import io.imagesearch.operator.model.ServiceModel;
import io.imagesearch.operator.model.StatefulSetModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** Dependents of the in-cluster Redis, Milvus and MinIO (each active only when in cluster). */
public final class DataDependents {
  private DataDependents() {}

  /** A dependency's StatefulSet, with the images the operator defaults to. */
  abstract static class DependencyStatefulSet
      extends CRUDKubernetesDependentResource<StatefulSet, ImageSearchCluster> {
    private final Dependency dependency;

    DependencyStatefulSet(Dependency dependency) {
      super(StatefulSet.class);
      this.dependency = dependency;
    }

    @Override
    protected StatefulSet desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return StatefulSetModel.build(primary, dependency, AppDependents.imageDefaults(context));
    }
  }

  public static final class RedisStatefulSet extends DependencyStatefulSet {
    public RedisStatefulSet() {
      super(Dependency.REDIS);
    }
  }

  public static final class MilvusStatefulSet extends DependencyStatefulSet {
    public MilvusStatefulSet() {
      super(Dependency.MILVUS);
    }
  }

  public static final class MinioStatefulSet extends DependencyStatefulSet {
    public MinioStatefulSet() {
      super(Dependency.OBJECT_STORE);
    }
  }

  public static final class RedisService extends ModelDependent<Service> {
    public RedisService() {
      super(Service.class, c -> ServiceModel.forDependency(c, Dependency.REDIS));
    }
  }

  public static final class MilvusService extends ModelDependent<Service> {
    public MilvusService() {
      super(Service.class, c -> ServiceModel.forDependency(c, Dependency.MILVUS));
    }
  }

  public static final class MinioService extends ModelDependent<Service> {
    public MinioService() {
      super(Service.class, c -> ServiceModel.forDependency(c, Dependency.OBJECT_STORE));
    }
  }

  public static final class RedisNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public RedisNetworkPolicy() {
      super(NetworkPolicy.class, c -> NetworkPolicyModel.build(c, Dependency.REDIS));
    }
  }

  public static final class MilvusNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public MilvusNetworkPolicy() {
      super(NetworkPolicy.class, c -> NetworkPolicyModel.build(c, Dependency.MILVUS));
    }
  }

  public static final class MinioNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public MinioNetworkPolicy() {
      super(NetworkPolicy.class, c -> NetworkPolicyModel.build(c, Dependency.OBJECT_STORE));
    }
  }
}
