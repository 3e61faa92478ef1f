package io.imagesearch.core.task;

/** The states of the original API, kept verbatim. */
public enum TaskState {
  PENDING,
  STARTED,
  SUCCESS,
  FAILURE;

  public boolean isFinal() {
    return this == SUCCESS || this == FAILURE;
  }
}
