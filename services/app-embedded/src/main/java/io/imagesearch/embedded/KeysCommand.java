package io.imagesearch.embedded;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeySummary;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.InvalidKeyRequestException;
import io.imagesearch.security.key.IssuedKey;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.Scope;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code keys create|list|revoke}: API key management without the HTTP API, for the first key of a
 * script or a lost admin key. A created key goes alone to {@code out} (so {@code KEY=$(...)}
 * captures it) and everything else to {@code err}; the exit code is 0, 1 when the work failed, 2
 * when the command line was wrong.
 */
final class KeysCommand {

  static final String USAGE =
      """
      usage: make keys ARGS="COMMAND"      (or: java -jar imagesearch-embedded.jar keys COMMAND)
        create --name NAME --scopes SCOPE[,SCOPE...] [--expires-in 30d | --expires-at 2027-01-31T00:00:00Z]
               [--max-images N] [--max-bytes SIZE]
                       a new key, printed once; scopes: search, upload, delete, admin;
                       its uploads may hold at most N images and SIZE bytes (10GiB, 500MB, ...)
        list           every key with its scopes, state and quota, never a secret
        revoke ID      the key stops working at once, in a running server too
      The data folder is DATA_DIR's (or --imagesearch.data-dir=...), as for `make run`.
      """;

  private static final List<String> CREATE_OPTIONS =
      List.of("--name", "--scopes", "--expires-in", "--expires-at", "--max-images", "--max-bytes");

  private final ApiKeys keys;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  KeysCommand(ApiKeys keys, Clock clock, PrintStream out, PrintStream err) {
    this.keys = keys;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** Whether {@code words} only ask for the usage, which needs no key store. */
  static boolean asksForHelp(List<String> words) {
    return words.isEmpty() || Set.of("help", "--help", "-h").contains(words.getFirst());
  }

  /** The usage: asked for, on {@code out}; for a bare {@code keys}, on {@code err} as an error. */
  static int help(List<String> words, PrintStream out, PrintStream err) {
    (words.isEmpty() ? err : out).print(USAGE);
    return words.isEmpty() ? 2 : 0;
  }

  int run(List<String> words) {
    try {
      if (asksForHelp(words)) {
        return help(words, out, err);
      }
      List<String> rest = words.subList(1, words.size());
      return switch (words.getFirst()) {
        case "create" -> create(options(rest));
        case "list" -> list(rest);
        case "revoke" -> revoke(rest);
        default ->
            throw new UsageException(
                "unknown command \"" + words.getFirst() + "\": use create, list or revoke");
      };
    } catch (UsageException | InvalidKeyRequestException e) {
      err.println("keys: " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (KeyStoreException e) {
      err.println("keys: " + e.getMessage());
      return 1;
    }
  }

  private int create(Map<String, String> options) {
    String scopes = options.get("--scopes");
    if (scopes == null) {
      throw new UsageException(
          "say what the key may do with --scopes, e.g. --scopes search,upload");
    }
    if (options.containsKey("--expires-in") && options.containsKey("--expires-at")) {
      throw new UsageException("give --expires-in or --expires-at, not both");
    }
    IssuedKey issued =
        keys.create(options.get("--name"), scopes(scopes), expiry(options), quota(options));
    ApiKeySummary key = issued.summary();
    err.printf(
        "Created key %s \"%s\" with scopes %s, %s, %s.%n",
        key.id(),
        key.name(),
        Scope.encode(key.scopes()),
        key.expiresAt() == null ? "never expiring" : "expiring at " + key.expiresAt(),
        quotaText(key));
    err.println(
        "Store it now: it is shown this once (only its hash is kept). Send it as"
            + " 'Authorization: Bearer <key>'.");
    out.println(issued.value());
    return 0;
  }

  private int list(List<String> rest) {
    if (!rest.isEmpty()) {
      throw new UsageException("list takes no arguments, got " + rest);
    }
    List<ApiKeySummary> all = keys.list();
    if (all.isEmpty()) {
      err.println("No API keys yet: `make run` creates the first admin key.");
      return 0;
    }
    String row = "%-16s  %-7s  %-26s  %-20s  %-20s  %-20s  %-13s  %-23s  %s%n";
    out.printf(
        row, "ID", "STATE", "SCOPES", "CREATED", "EXPIRES", "LAST USED", "IMAGES", "BYTES", "NAME");
    Instant now = clock.instant();
    for (ApiKeySummary key : all) {
      out.printf(
          row,
          key.id(),
          state(key, now),
          Scope.encode(key.scopes()),
          time(key.createdAt()),
          time(key.expiresAt()),
          time(key.lastUsedAt()),
          used(key.usage().images(), key.quota().maxImages()),
          used(key.usage().bytes(), key.quota().maxBytes()),
          key.name());
    }
    return 0;
  }

  private int revoke(List<String> rest) {
    if (rest.size() != 1) {
      throw new UsageException("revoke takes one key id (the ID column of `keys list`)");
    }
    String id = rest.getFirst();
    if (!ApiKeyId.isValid(id)) {
      throw new UsageException(
          "\"" + id + "\" is not a key id: use the 16 hex digits of the ID column of `keys list`");
    }
    return keys.revoke(new ApiKeyId(id))
        .map(
            key -> {
              err.printf(
                  "Revoked key %s \"%s\" at %s: it no longer works, in a running server too.%n",
                  key.id(), key.name(), key.revokedAt());
              return 0;
            })
        .orElseGet(
            () -> {
              err.println("keys: no API key has id " + id + ": `make keys ARGS=list` lists them");
              return 1;
            });
  }

  /** {@code --name value} and {@code --name=value} alike; only the options of create. */
  private static Map<String, String> options(List<String> words) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      int equals = word.indexOf('=');
      String name = equals < 0 ? word : word.substring(0, equals);
      if (!CREATE_OPTIONS.contains(name)) {
        throw new UsageException(
            "create does not know \"" + word + "\": it takes " + String.join(", ", CREATE_OPTIONS));
      }
      String value;
      if (equals >= 0) {
        value = word.substring(equals + 1);
      } else if (i + 1 < words.size()) {
        value = words.get(++i);
      } else {
        throw new UsageException(name + " needs a value");
      }
      if (options.put(name, value) != null) {
        throw new UsageException(name + " is given twice");
      }
    }
    return options;
  }

  private static Set<Scope> scopes(String list) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        try {
          scopes.add(Scope.fromWireName(name.strip()));
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      }
    }
    return scopes;
  }

  private Instant expiry(Map<String, String> options) {
    String in = options.get("--expires-in");
    if (in != null) {
      Duration duration;
      try {
        duration = DurationStyle.detectAndParse(in);
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--expires-in \"" + in + "\" is not a duration: use e.g. 30d, 12h or 90m");
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new UsageException("--expires-in must be positive, got " + in);
      }
      return clock.instant().plus(duration);
    }
    String at = options.get("--expires-at");
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--expires-at \"" + at + "\" is not an instant such as 2027-01-31T00:00:00Z");
    }
  }

  /** {@code --max-images} and {@code --max-bytes}, each optional. */
  private static KeyQuota quota(Map<String, String> options) {
    return new KeyQuota(
        count("--max-images", options.get("--max-images")),
        ByteSizes.parse("--max-bytes", options.get("--max-bytes")));
  }

  private static Long count(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " \"" + value + "\" is not a whole number, e.g. 1000");
    }
  }

  private static String quotaText(ApiKeySummary key) {
    KeyQuota quota = key.quota();
    if (!quota.limitsAnything()) {
      return "no upload quota";
    }
    return "uploads limited to "
        + (quota.maxImages() == null ? "any number of images" : quota.maxImages() + " images")
        + " and "
        + (quota.maxBytes() == null ? "any size" : KeyQuota.bytes(quota.maxBytes()));
  }

  /** What counts against a quota, and the quota: {@code 3/1000}, or {@code 3} without one. */
  private static String used(long used, Long max) {
    return max == null ? Long.toString(used) : used + "/" + max;
  }

  private static String state(ApiKeySummary key, Instant now) {
    if (key.revokedAt() != null) {
      return "revoked";
    }
    return key.expiresAt() != null && !key.expiresAt().isAfter(now) ? "expired" : "active";
  }

  private static String time(Instant instant) {
    return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The command line is wrong; the message says how to fix it. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
