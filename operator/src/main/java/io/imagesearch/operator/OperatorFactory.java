package io.imagesearch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.imagesearch.operator.migration.ModelStateSource;
import io.imagesearch.operator.reconciler.ImageSearchClusterReconciler;
import io.imagesearch.operator.scaling.BacklogSource;
import io.imagesearch.operator.scaling.WorkerScaler;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Clock;

/** Builds the operator; shared by {@link OperatorMain} and the tests that run it in-process. */
public final class OperatorFactory {
  private OperatorFactory() {}

  /** Without a model state: search-api loads spec.model (tests without Redis). */
  public static Operator create(
      KubernetesClient client,
      OperatorSettings settings,
      BacklogSource backlog,
      Clock clock,
      boolean exitOnFatalError,
      Metrics metrics) {
    return create(
        client, settings, backlog, ModelStateSource.NONE, clock, exitOnFatalError, metrics);
  }

  public static Operator create(
      KubernetesClient client,
      OperatorSettings settings,
      BacklogSource backlog,
      ModelStateSource modelStates,
      Clock clock,
      boolean exitOnFatalError,
      Metrics metrics) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client).withCloseClientOnStop(false).withMetrics(metrics);
              if (!exitOnFatalError) {
                // JOSDK's default handler ends the JVM when an informer dies.
                o.withInformerStoppedHandler((informer, error) -> {});
              }
              if (settings.leaderElection()) {
                // In production a replica that loses its lease or an informer exits and restarts
                // clean; tests running the operator in-process keep their JVM.
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        settings.leaseName(),
                        settings.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        null,
                        null,
                        exitOnFatalError));
              }
            });
    operator.register(
        new ImageSearchClusterReconciler(
            new WorkerScaler(backlog, clock), modelStates, clock, settings.imageDefaults()),
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
