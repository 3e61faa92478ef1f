package io.imagesearch.embedded;

import io.imagesearch.application.UploadService;
import io.imagesearch.core.port.TaskQueue;
import io.imagesearch.core.port.VectorIndex;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs {@code import DIR} when given; without arguments the app just serves. ({@code keys} never
 * gets here: {@link EmbeddedApplication#main} runs it without the app.)
 */
@Component
class CommandLine implements ApplicationRunner {

  private final ConfigurableApplicationContext context;
  private final UploadService uploads;
  private final VectorIndex index;
  private final TaskQueue queue;

  CommandLine(
      ConfigurableApplicationContext context,
      UploadService uploads,
      VectorIndex index,
      TaskQueue queue) {
    this.context = context;
    this.uploads = uploads;
    this.index = index;
    this.queue = queue;
  }

  @Override
  public void run(ApplicationArguments args) {
    List<String> words = args.getNonOptionArgs();
    if (words.isEmpty()) {
      return;
    }
    if (!words.getFirst().equals("import") || words.size() != 2) {
      System.err.println("usage: imagesearch-embedded [import DIR | keys COMMAND]");
      System.exit(SpringApplication.exit(context, () -> 2));
    }
    FolderImport.Summary summary =
        new FolderImport(uploads, index, queue, System.out).run(Path.of(words.get(1)));
    System.out.printf(
        "%nimport finished: %d queued, %d already indexed, %d rejected%n",
        summary.queued(), summary.skipped(), summary.rejected());
    System.exit(SpringApplication.exit(context, () -> 0));
  }
}
