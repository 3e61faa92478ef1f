package io.imagesearch.index.milvus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the vectors live. Checked on construction so a typo fails at start-up naming the setting.
 *
 * @param uri {@code http(s)://host:port} of the Milvus proxy (gRPC)
 * @param token {@code user:password} or an API key when the server requires authentication; never
 *     printed
 * @param database the Milvus database; the server's {@code default} one when absent
 */
public record MilvusConfig(String uri, Optional<String> token, Optional<String> database) {

  /** Milvus database names: a letter or underscore, then letters, digits or underscores. */
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

  public MilvusConfig {
    checkUri(uri);
    token = Objects.requireNonNullElse(token, Optional.<String>empty()).filter(t -> !t.isBlank());
    database = Objects.requireNonNullElse(database, Optional.<String>empty());
    database.ifPresent(MilvusConfig::checkDatabase);
  }

  /** A server without authentication, default database. */
  public static MilvusConfig of(String uri) {
    return new MilvusConfig(uri, Optional.empty(), Optional.empty());
  }

  private static void checkUri(String uri) {
    Objects.requireNonNull(uri, "Milvus uri");
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Milvus uri is not a URI: '" + uri + "'", e);
    }
    boolean http = "http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme());
    if (!http || parsed.getHost() == null) {
      throw new IllegalArgumentException(
          "Milvus uri must be http(s)://host:port, got '" + uri + "'");
    }
  }

  private static void checkDatabase(String database) {
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "invalid Milvus database name '"
              + database
              + "': use letters, digits and '_', starting with a letter or '_', at most 255");
    }
  }

  @Override
  public String toString() {
    return "MilvusConfig[uri="
        + uri
        + ", token="
        + (token.isPresent() ? "****" : "none")
        + ", database="
        + database.orElse("default")
        + "]";
  }
}
