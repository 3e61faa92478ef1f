package io.imagesearch.storage.local;

import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.core.port.ModelStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The model state of an embedded library in one properties file, replaced whole on each write (a
 * synced temp file renamed over it, then the folder synced), so a crash leaves the old state or the
 * new one. A text file the user can read; one process owns a data folder (the index's lock sees to
 * it), so comparing revisions under this object's lock is enough.
 */
public final class FileModelStateStore implements ModelStateStore {

  private final Path file;

  public FileModelStateStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public synchronized Optional<ModelState> read() {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model state " + file, e);
    }
    try {
      return Optional.of(new Reader(props).state());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the model state "
              + file
              + " is damaged ("
              + e.getMessage()
              + "); restore it from a backup, or delete it to start over with the configured model",
          e);
    }
  }

  @Override
  public synchronized boolean write(ModelState next) {
    long stored = read().map(ModelState::revision).orElse(0L);
    if (stored != next.revision() - 1) {
      return false;
    }
    Properties props = Writer.properties(next);
    Path temp = null;
    try {
      temp = AtomicFiles.writeTemp(file, out -> props.store(out, "Image Search model state"));
      AtomicFiles.move(temp, file);
      temp = null;
      AtomicFiles.syncDirectory(file.getParent());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model state " + file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // A stray hidden temp file is harmless; the write's own error matters more.
        }
      }
    }
  }

  /** Flat keys: {@code active.model-id}, {@code migration.gate.check.0.k}, ... */
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
