package io.imagesearch.core.port;

/**
 * The embedder was closed (the process is stopping) before this call could start its forward pass.
 * Nothing about the input is wrong: a worker gives the task back to the queue for another attempt,
 * it does not fail it.
 */
public final class EmbedderClosedException extends IllegalStateException {
  public EmbedderClosedException(String message) {
    super(message);
  }
}
