package io.imagesearch.wiring;

/**
 * The model the configuration names: a mode that changes models declares it, and the library's
 * state decides what to do with it (see {@link io.imagesearch.application.ModelStartup}).
 *
 * @param location a folder (absolute, so a restart from another folder finds it), an https archive
 *     or a Hugging Face repo
 * @param format the runtime of its export
 */
public record ConfiguredModel(String location, String format) {

  public ConfiguredModel {
    if (location == null || location.isBlank() || format == null || format.isBlank()) {
      throw new IllegalArgumentException("a configured model needs a location and a format");
    }
  }
}
