package io.imagesearch.wiring;

/**
 * Names this process's queue consumers ({@code <prefix>-<thread>}). Each mode that runs workers
 * declares one: a single name in embedded mode, one per pod and process in distributed mode.
 */
public record ConsumerPrefix(String value) {

  public ConsumerPrefix {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a consumer prefix must not be blank");
    }
  }
}
