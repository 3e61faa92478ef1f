package io.imagesearch.core.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link ModelState} as flat text keys ({@code active.model-id}, {@code
 * migration.gate.check.0.k}, ...): the one form every adapter stores it in (a properties file in
 * embedded mode, a Redis hash in distributed mode), so the operator reads what the services wrote.
 */
public final class ModelStateProperties {

  private ModelStateProperties() {}

  /** The state as flat keys. */
  public static Properties of(ModelState state) {
    return Writer.properties(state);
  }

  /**
   * The state the keys hold.
   *
   * @throws IllegalArgumentException naming the first key that is missing or malformed
   */
  public static ModelState parse(Properties props) {
    return new Reader(props).state();
  }

  private static final class Writer {
    private final Properties props = new Properties();

    static Properties properties(ModelState state) {
      Writer w = new Writer();
      w.put("revision", state.revision());
      w.model("active", state.active());
      w.model("configured", state.configured());
      state.migration().ifPresent(w::migration);
      state
          .previous()
          .ifPresent(
              p -> {
                w.model("previous", p.model());
                w.put("previous.switched-at", p.switchedAt());
                w.put("previous.keep-until", p.keepUntil());
              });
      return w.props;
    }

    private void migration(Migration m) {
      model("migration.target", m.target());
      put("migration.started-at", m.startedAt());
      put("migration.phase", m.phase());
      put("migration.cursor", m.cursor());
      put("migration.done", m.done());
      put("migration.total", m.total());
      m.gate().ifPresent(this::gate);
    }

    private void gate(GateResult gate) {
      put("migration.gate.passed", gate.passed());
      put("migration.gate.reason", gate.reason());
      put("migration.gate.evaluated-at", gate.evaluatedAt());
      put("migration.gate.checks", gate.checks().size());
      for (int i = 0; i < gate.checks().size(); i++) {
        RecallCheck check = gate.checks().get(i);
        String prefix = "migration.gate.check." + i + ".";
        put(prefix + "name", check.name());
        put(prefix + "k", check.k());
        put(prefix + "queries", check.queries());
        put(prefix + "current", check.current());
        put(prefix + "candidate", check.candidate());
      }
    }

    private void model(String prefix, ModelRef model) {
      put(prefix + ".model-id", model.modelId());
      put(prefix + ".dimension", model.dimension());
      put(prefix + ".location", model.location());
      put(prefix + ".format", model.format());
    }

    private void put(String key, Object value) {
      props.setProperty(key, String.valueOf(value));
    }
  }

  private record Reader(Properties props) {

    ModelState state() {
      Optional<Migration> migration =
          has("migration.target.model-id") ? Optional.of(migration()) : Optional.empty();
      Optional<PreviousModel> previous =
          has("previous.model-id")
              ? Optional.of(
                  new PreviousModel(
                      model("previous"),
                      instant("previous.switched-at"),
                      instant("previous.keep-until")))
              : Optional.empty();
      return new ModelState(
          number("revision"), model("active"), model("configured"), migration, previous);
    }

    private Migration migration() {
      Optional<GateResult> gate =
          has("migration.gate.passed") ? Optional.of(gate()) : Optional.empty();
      return new Migration(
          model("migration.target"),
          instant("migration.started-at"),
          Migration.Phase.valueOf(text("migration.phase")),
          text("migration.cursor"),
          number("migration.done"),
          number("migration.total"),
          gate);
    }

    private GateResult gate() {
      int count = (int) number("migration.gate.checks");
      List<RecallCheck> checks = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String prefix = "migration.gate.check." + i + ".";
        checks.add(
            new RecallCheck(
                text(prefix + "name"),
                (int) number(prefix + "k"),
                (int) number(prefix + "queries"),
                fraction(prefix + "current"),
                fraction(prefix + "candidate")));
      }
      return new GateResult(
          Boolean.parseBoolean(text("migration.gate.passed")),
          text("migration.gate.reason"),
          instant("migration.gate.evaluated-at"),
          checks);
    }

    private ModelRef model(String prefix) {
      return new ModelRef(
          text(prefix + ".model-id"),
          (int) number(prefix + ".dimension"),
          text(prefix + ".location"),
          text(prefix + ".format"));
    }

    private boolean has(String key) {
      return props.containsKey(key);
    }

    private String text(String key) {
      String value = props.getProperty(key);
      if (value == null) {
        throw new IllegalArgumentException("\"" + key + "\" is missing");
      }
      return value;
    }

    private long number(String key) {
      try {
        return Long.parseLong(text(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("\"" + key + "\" is not a whole number", e);
      }
    }

    private double fraction(String key) {
      try {
        return Double.parseDouble(text(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("\"" + key + "\" is not a number", e);
      }
    }

    private Instant instant(String key) {
      try {
        return Instant.parse(text(key));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("\"" + key + "\" is not an ISO-8601 instant", e);
      }
    }
  }
}
