package io.imagesearch.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.model.Dependency;
import io.imagesearch.operator.model.Names;
import io.imagesearch.operator.model.NetworkPolicyModel;
import io.imagesearch.operator.model.ServiceModel;
import io.imagesearch.operator.model.StatefulSetModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Dependents of the in-cluster Redis, Milvus and MinIO (each active only when in cluster); the
 * informer selectors as in {@link AppDependents}.
 */
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

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class RedisStatefulSet extends DependencyStatefulSet {
    public static final String NAME = "redis";

    public RedisStatefulSet() {
      super(Dependency.REDIS);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class MilvusStatefulSet extends DependencyStatefulSet {
    public static final String NAME = "milvus";

    public MilvusStatefulSet() {
      super(Dependency.MILVUS);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class MinioStatefulSet extends DependencyStatefulSet {
    public static final String NAME = "minio";

    public MinioStatefulSet() {
      super(Dependency.OBJECT_STORE);
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class RedisService extends ModelDependent<Service> {
    public static final String NAME = "redis-service";

    public RedisService() {
      super(Service.class, c -> ServiceModel.forDependency(c, Dependency.REDIS));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class MilvusService extends ModelDependent<Service> {
    public static final String NAME = "milvus-service";

    public MilvusService() {
      super(Service.class, c -> ServiceModel.forDependency(c, Dependency.MILVUS));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class MinioService extends ModelDependent<Service> {
    public static final String NAME = "minio-service";

    public MinioService() {
      super(Service.class, c -> ServiceModel.forDependency(c, Dependency.OBJECT_STORE));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class RedisNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "redis-network-policy";

    public RedisNetworkPolicy() {
      super(NetworkPolicy.class, c -> NetworkPolicyModel.build(c, Dependency.REDIS));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class MilvusNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "milvus-network-policy";

    public MilvusNetworkPolicy() {
      super(NetworkPolicy.class, c -> NetworkPolicyModel.build(c, Dependency.MILVUS));
    }
  }

  @KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_BY_SELECTOR))
  public static final class MinioNetworkPolicy extends ModelDependent<NetworkPolicy> {
    public static final String NAME = "minio-network-policy";

    public MinioNetworkPolicy() {
      super(NetworkPolicy.class, c -> NetworkPolicyModel.build(c, Dependency.OBJECT_STORE));
    }
  }
}
