package io.imagesearch.wiring;

import io.imagesearch.application.ModelMigration;
import io.imagesearch.core.port.MigrationLease;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Declared by a mode whose library several processes share (the distributed workers): the lease
 * that picks the one walking a migration, and how often each process reads the model state to
 * follow what the others change.
 */
public record SharedLibrary(MigrationLease lease, Duration followEvery) {

  public SharedLibrary {
    Objects.requireNonNull(lease, "lease");
    if (!followEvery.isPositive()) {
      throw new IllegalArgumentException("set a positive interval to follow the model state");
    }
  }

  ModelMigration.Sharing migrationSharing() {
    return new ModelMigration.Sharing(lease, Optional.of(followEvery));
  }
}
