package io.imagesearch.embedded;

import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.store.SqliteApiKeyStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs {@code keys ...} on the key database of the data folder the server would use, found through
 * the same settings (application.yml, DATA_DIR, {@code --imagesearch.data-dir=}) but without
 * starting the server or loading the model. SQLite lets a running server keep the database open
 * meanwhile; it reads every key afresh, so a revocation holds at once.
 */
final class KeysCommandRunner {

  private KeysCommandRunner() {}

  /** The embedded app's settings and nothing else. */
  @EnableConfigurationProperties(EmbeddedProperties.class)
  static final class SettingsOnly {}

  static int run(String[] settingArgs, List<String> words, PrintStream out, PrintStream err) {
    if (KeysCommand.asksForHelp(words)) {
      return KeysCommand.help(words, out, err);
    }
    Path database = database(settingArgs);
    if (!Files.isRegularFile(database)) {
      err.println(
          "keys: there is no API key database at "
              + database
              + ": start the app once with `make run` (it creates the database and the first"
              + " admin key), or set DATA_DIR to the data folder the app uses");
      return 1;
    }
    try (SqliteApiKeyStore store = SqliteApiKeyStore.open(database)) {
      Clock clock = Clock.systemUTC();
      return new KeysCommand(new ApiKeys(store, clock), clock, out, err).run(words);
    }
  }

  private static Path database(String[] settingArgs) {
    try (ConfigurableApplicationContext settings =
        new SpringApplicationBuilder(SettingsOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .registerShutdownHook(false)
            .properties("logging.level.root=warn")
            .run(settingArgs)) {
      return settings.getBean(EmbeddedProperties.class).apiKeyDatabase().toAbsolutePath();
    }
  }
}
