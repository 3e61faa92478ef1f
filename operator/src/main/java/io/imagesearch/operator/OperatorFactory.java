package io.imagesearch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.reconciler.ImageSearchClusterReconciler;
import io.imagesearch.operator.scaling.BacklogSource;
import io.imagesearch.operator.scaling.WorkerScaler;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;

/** Builds the operator; shared by {@link OperatorMain} and the tests that run it in-process. */
public final class OperatorFactory {
  private OperatorFactory() {}

  public static Operator create(
      KubernetesClient client, OperatorSettings settings, BacklogSource backlog, Clock clock) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client).withCloseClientOnStop(false);
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        settings.leaseName(), settings.leaseNamespace()));
              }
            });
    operator.register(
        new ImageSearchClusterReconciler(new WorkerScaler(backlog, clock), clock),
        c -> {
          if (settings.watchNamespaces().isEmpty()) {
            c.watchingAllNamespaces();
          } else {
            c.settingNamespaces(settings.watchNamespaces());
          }
        });
    return operator;
  }
}
