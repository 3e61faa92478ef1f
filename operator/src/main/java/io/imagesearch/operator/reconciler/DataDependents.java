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

  abstract static class DataStatefulSet
      extends CRUDKubernetesDependentResource<StatefulSet, ImageSearchCluster> {
    private final Dependency dependency;

    DataStatefulSet(Dependency dependency) {
      super(StatefulSet.class);
      this.dependency = dependency;
    }

    @Override
    protected StatefulSet desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return StatefulSetModel.build(primary, dependency);
    }
  }

  public static final class RedisStatefulSet extends DataStatefulSet {
    public RedisStatefulSet() {
      super(Dependency.REDIS);
    }
  }

  public static final class MilvusStatefulSet extends DataStatefulSet {
    public MilvusStatefulSet() {
      super(Dependency.MILVUS);
    }
  }

  public static final class MinioStatefulSet extends DataStatefulSet {
    public MinioStatefulSet() {
      super(Dependency.OBJECT_STORE);
    }
  }

  abstract static class DataService
      extends CRUDKubernetesDependentResource<Service, ImageSearchCluster> {
    private final Dependency dependency;

    DataService(Dependency dependency) {
      super(Service.class);
      this.dependency = dependency;
    }

    @Override
    protected Service desired(ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return ServiceModel.forDependency(primary, dependency);
    }
  }

  public static final class RedisService extends DataService {
    public RedisService() {
      super(Dependency.REDIS);
    }
  }

  public static final class MilvusService extends DataService {
    public MilvusService() {
      super(Dependency.MILVUS);
    }
  }

  public static final class MinioService extends DataService {
    public MinioService() {
      super(Dependency.OBJECT_STORE);
    }
  }

  abstract static class DataNetworkPolicy
      extends CRUDKubernetesDependentResource<NetworkPolicy, ImageSearchCluster> {
    private final Dependency dependency;

    DataNetworkPolicy(Dependency dependency) {
      super(NetworkPolicy.class);
      this.dependency = dependency;
    }

    @Override
    protected NetworkPolicy desired(
        ImageSearchCluster primary, Context<ImageSearchCluster> context) {
      return NetworkPolicyModel.build(primary, dependency);
    }
  }

  public static final class RedisNetworkPolicy extends DataNetworkPolicy {
    public RedisNetworkPolicy() {
      super(Dependency.REDIS);
    }
  }

  public static final class MilvusNetworkPolicy extends DataNetworkPolicy {
    public MilvusNetworkPolicy() {
      super(Dependency.MILVUS);
    }
  }

  public static final class MinioNetworkPolicy extends DataNetworkPolicy {
    public MinioNetworkPolicy() {
      super(Dependency.OBJECT_STORE);
    }
  }
}
