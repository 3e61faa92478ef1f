package io.imagesearch.application;

/**
 * A storage, queue or index server did not answer; the request can be retried later. Nothing was
 * acknowledged to the client.
 */
public final class DependencyUnavailableException extends RuntimeException {

  private final String dependency;

  public DependencyUnavailableException(String dependency, Throwable cause) {
    super(dependency + " is unavailable: " + cause.getMessage(), cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
