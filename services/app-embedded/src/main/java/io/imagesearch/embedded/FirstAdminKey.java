package io.imagesearch.embedded;

import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.FirstAdminKeyFile;
import io.imagesearch.security.key.IssuedKey;
import io.imagesearch.security.web.SecuritySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives a fresh install its way in: when no usable admin key exists, creates one, writes it to
 * {@code <data dir>/admin-key} (owner-only) and shows it once in the log with how to use it. An
 * existing admin key is never replaced, so later starts only say where the key is.
 */
@Component
@Order(StartupBanner.ORDER + 1)
class FirstAdminKey implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdminKey.class);
  private static final String RULE = "=".repeat(78);

  private final ApiKeys keys;
  private final SecuritySettings settings;
  private final EmbeddedProperties props;

  FirstAdminKey(ApiKeys keys, SecuritySettings settings, EmbeddedProperties props) {
    this.keys = keys;
    this.settings = settings;
    this.props = props;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (!settings.enabled()) {
      return;
    }
    Path file = props.adminKeyFile().toAbsolutePath();
    int port = event.getWebServer().getPort();
    FirstAdminKeyFile.ensure(keys, file)
        .ifPresentOrElse(
            key -> LOG.info(announcement(key, file, port)), () -> LOG.info(reminder(file)));
  }

  private String announcement(IssuedKey key, Path file, int port) {
    String base = "http://localhost:" + port;
    return String.join(
        "\n",
        "First start: an admin API key was created. It is shown this once:",
        RULE,
        "",
        "    " + key.value(),
        "",
        "It is also in " + file + " (readable by your user only).",
        "Send it with every API call, e.g.",
        "    curl -H \"Authorization: Bearer $(cat " + file + ")\" " + base + "/api/v1/stats",
        "In the web UI (" + base + "/), paste it into the sign-in box.",
        "Give scripts and people keys with only the scopes they need, e.g.",
        "    make keys ARGS=\"create --name importer --scopes upload,search --expires-in 30d\"",
        RULE);
  }

  private String reminder(Path file) {
    String where =
        Files.exists(file)
            ? "the first admin key is in " + file
            : "create one with `make keys ARGS=\"create --name me --scopes admin\"`";
    return "API keys are required on every route but the web UI's files, the API description and"
        + " health ("
        + where
        + "; `make keys ARGS=list` lists them)";
  }
}
