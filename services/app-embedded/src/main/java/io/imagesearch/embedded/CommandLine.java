package io.imagesearch.embedded;

import io.imagesearch.application.LibraryReindex;
import io.imagesearch.application.ModelMigration;
import io.imagesearch.application.ModelSlot;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.port.TaskQueue;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs {@code import DIR} or {@code reindex} when given; without arguments the app just serves.
 * ({@code keys} never gets here: {@link EmbeddedApplication#main} runs it without the app.)
 */
@Component
class CommandLine implements ApplicationRunner {

  private static final String USAGE =
      "usage: imagesearch-embedded [import DIR | reindex | keys COMMAND]";

  private final ConfigurableApplicationContext context;
  private final UploadService uploads;
  private final ModelSlot models;
  private final ModelMigration migration;
  private final TaskQueue queue;

  CommandLine(
      ConfigurableApplicationContext context,
      UploadService uploads,
      ModelSlot models,
      ModelMigration migration,
      TaskQueue queue) {
    this.context = context;
    this.uploads = uploads;
    this.models = models;
    this.migration = migration;
    this.queue = queue;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<String> words = args.getNonOptionArgs();
    if (words.isEmpty()) {
      return;
    }
    switch (words.getFirst()) {
      case "import" -> {
        if (words.size() != 2) {
          exit(2, USAGE);
        }
        FolderImport.Summary summary =
            new FolderImport(uploads, models, queue, System.out).run(Path.of(words.get(1)));
        System.out.printf(
            "%nimport finished: %d queued, %d already indexed, %d rejected%n",
            summary.queued(), summary.skipped(), summary.rejected());
        exit(0, null);
      }
      case "reindex" -> {
        if (words.size() != 1) {
          exit(2, USAGE);
        }
        LibraryReindex.Outcome outcome = rebuild();
        System.out.printf(
            "%nreindex finished: %d stored images walked, %d embedded into the index of %s%n",
            outcome.walked(), outcome.embedded(), models.serving().ref().describe());
        exit(0, null);
      }
      default -> exit(2, USAGE);
    }
  }

  /** Rebuilds the serving model's index from the originals, with a progress bar. */
  private LibraryReindex.Outcome rebuild() {
    ProgressBar bar = new ProgressBar(System.out, (int) migration.storedImages());
    long[] embedded = {0};
    return migration.rebuildServing(
        (lastKey, walked, batch) -> {
          embedded[0] += batch;
          for (int i = 0; i < walked; i++) {
            bar.step("embedded " + embedded[0]);
          }
        });
  }

  private void exit(int status, String message) {
    if (message != null) {
      System.err.println(message);
    }
    System.exit(SpringApplication.exit(context, () -> status));
  }
}
