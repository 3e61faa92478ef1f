package io.imagesearch.clustere2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the run's {@link RealCluster} and {@link DemoPlatform}, starting the cluster for the
 * first test that asks; both live until the whole run ends.
 */
public final class RealClusterExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RealCluster.class || type == DemoPlatform.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RealCluster.class
        ? RealCluster.shared(context)
        : DemoPlatform.shared(context);
  }
}
