package io.imagesearch.web;

import io.imagesearch.application.ModelAdministration;
import io.imagesearch.application.NothingToRollBackException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library's models: which one serves, the migration to another with its progress and the recall
 * gate's numbers, and the one-call rollback. Only in a mode that changes models.
 */
@RestController
@Tag(name = "models", description = "The serving model, model migrations and rollback")
public class ModelController {

  private final ModelAdministration models;

  public ModelController(ModelAdministration models) {
    this.models = models;
  }

  @Operation(summary = "The active model, the previous one kept for a rollback, the migration")
  @GetMapping("/api/v1/models")
  public ModelViews.ModelsView models() {
    return ModelViews.of(models.status());
  }

  @Operation(
      summary = "The migration in progress: progress, pace, time left and the recall gate's result")
  @GetMapping("/api/v1/models/migration")
  public ModelViews.MigrationView migration() {
    return ModelViews.migration(models.status());
  }

  @Operation(
      summary =
          "Serve the previous model again (or cancel the migration in progress), without"
              + " re-embedding anything")
  @PostMapping("/api/v1/models/rollback")
  public ModelViews.ModelsView rollback() {
    return ModelViews.of(models.rollback());
  }

  @ExceptionHandler(NothingToRollBackException.class)
  ResponseEntity<ProblemDetail> nothingToRollBack(NothingToRollBackException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(HttpStatus.CONFLICT, "nothing-to-roll-back", e.getMessage()));
  }
}
