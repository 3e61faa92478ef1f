package io.imagesearch.wiring;

import io.imagesearch.application.ModelMigration;
import org.springframework.context.SmartLifecycle;

/**
 * Takes up the migration the library's state holds once the context has started, and stops it
 * between two batches (its place saved) when the context stops.
 */
public final class MigrationLifecycle implements SmartLifecycle {

  private final ModelMigration migration;
  private volatile boolean running;

  public MigrationLifecycle(ModelMigration migration) {
    this.migration = migration;
  }

  @Override
  public void start() {
    migration.start();
    running = true;
  }

  @Override
  public void stop() {
    migration.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
