package io.imagesearch.operator.api;

/**
 * Settings of the builders sundrio generates for the classes marked {@code @Buildable} (for example
 * {@code ImageSearchClusterSpecBuilder}).
 */
final class GeneratedBuilders {
  /**
   * The builders extend the base classes of the fabric8 model's own builders ({@code BaseFluent},
   * {@code VisitableBuilder}), so nothing of sundrio is needed at run time.
   */
  static final String BASE_PACKAGE = "io.fabric8.kubernetes.api.builder";

  private GeneratedBuilders() {}
}
