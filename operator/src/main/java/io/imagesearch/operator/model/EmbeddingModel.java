package io.imagesearch.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.imagesearch.operator.api.ImageSearchCluster;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model one service loads, as its environment says it ({@code imagesearch.model.location} and
 * {@code format}). Not in the shared configuration: during a change of model the workers load
 * spec.model while search-api keeps the active one, and a new model must roll only the workers.
 */
public record EmbeddingModel(String location, String format) {
  public static final String LOCATION_ENV = "IMAGESEARCH_MODEL_LOCATION";
  public static final String FORMAT_ENV = "IMAGESEARCH_MODEL_FORMAT";

  public EmbeddingModel {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
  }

  /** The model spec.model names: what the workers load. */
  public static EmbeddingModel of(ImageSearchCluster cluster) {
    return new EmbeddingModel(
        cluster.getSpec().model.location, cluster.getSpec().model.format.name());
  }

  /** The model a container's environment names, if it names one. */
  public static Optional<EmbeddingModel> fromEnv(List<EnvVar> env) {
    String location = value(env, LOCATION_ENV);
    String format = value(env, FORMAT_ENV);
    return location == null || format == null
        ? Optional.empty()
        : Optional.of(new EmbeddingModel(location, format));
  }

  /**
   * Whether this names the model a service stored in the model state. Services store a folder as
   * the absolute path they resolved it to, from the image's working directory ({@code /}, where the
   * bundled models sit under {@code /models}); archives and Hugging Face names as given.
   */
  public boolean names(String storedLocation, String storedFormat) {
    return resolved(location).equals(resolved(storedLocation))
        && format.equalsIgnoreCase(storedFormat);
  }

  private static String resolved(String location) {
    String trimmed = location.strip();
    String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://") || trimmed.startsWith("hf:")) {
      return trimmed;
    }
    return java.nio.file.Path.of("/").resolve(trimmed).normalize().toString();
  }

  public List<EnvVar> env() {
    return List.of(new EnvVar(LOCATION_ENV, location, null), new EnvVar(FORMAT_ENV, format, null));
  }

  private static String value(List<EnvVar> env, String name) {
    return env == null
        ? null
        : env.stream()
            .filter(e -> name.equals(e.getName()))
            .map(EnvVar::getValue)
            .findFirst()
            .orElse(null);
  }
}
