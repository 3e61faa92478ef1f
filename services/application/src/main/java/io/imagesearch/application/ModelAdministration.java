package io.imagesearch.application;

/** What the models API shows and does: the library's models, and the one-step rollback. */
public interface ModelAdministration {

  ModelsStatus status();

  /**
   * Returns to the previous model, or cancels the migration in progress when no previous model is
   * kept, without re-embedding anything.
   *
   * @throws NothingToRollBackException when there is neither
   */
  ModelsStatus rollback();
}
