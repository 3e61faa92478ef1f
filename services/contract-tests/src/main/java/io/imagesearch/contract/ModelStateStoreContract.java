package io.imagesearch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.model.GateResult;
import io.imagesearch.core.model.Migration;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.PreviousModel;
import io.imagesearch.core.model.RecallCheck;
import io.imagesearch.core.port.ModelStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelStateStore} adapter guarantees. An adapter's test extends this class and
 * supplies an empty store per test, and the same store opened anew.
 */
public abstract class ModelStateStoreContract {

  protected static final ModelRef MODEL_A =
      new ModelRef("tiny-clip-v1", 64, "/models/tiny-clip", "ONNX");
  protected static final ModelRef MODEL_B =
      new ModelRef("other model/ünïcode", 8, "hf:owner/repo@main", "TORCHSCRIPT");
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456789Z");

  protected ModelStateStore store;

  /** A store holding no state, fresh for each test. */
  protected abstract ModelStateStore newStore() throws Exception;

  /** The store {@code current} writes to, as a new process would open it. */
  protected abstract ModelStateStore reopen(ModelStateStore current) throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  @Test
  void aNewLibraryHasNoState() {
    assertThat(store.read()).isEmpty();
  }

  @Test
  void theFirstStateReadsBack() {
    ModelState first = ModelState.first(MODEL_A);

    assertThat(store.write(first)).isTrue();

    assertThat(store.read()).contains(first);
  }

  @Test
  void everyPartOfAMigrationAndItsGateReadsBackExactly() {
    GateResult refused =
        new GateResult(
            false,
            "golden recall@10 of the candidate is 0.1,\nbelow the current model's 0.95 = \"worse\"",
            T0.plusSeconds(60),
            List.of(
                new RecallCheck(RecallCheck.GOLDEN, 10, 40, 0.95, 0.1),
                new RecallCheck(RecallCheck.SELF_CONSISTENCY, 10, 100, 1.0, 1.0 / 3)));
    Migration migration =
        new Migration(
            MODEL_B,
            T0,
            Migration.Phase.REFUSED,
            "images/" + "ab".repeat(32),
            299,
            301,
            Optional.of(refused));
    PreviousModel previous =
        new PreviousModel(
            new ModelRef("older", 512, "https://example.org/m.tar.gz#sha256=00", "ONNX"),
            T0.minusSeconds(3600),
            T0.plusSeconds(7 * 24 * 3600));
    ModelState state =
        ModelState.first(MODEL_A).next(MODEL_A, Optional.of(migration), Optional.of(previous));
    store.write(ModelState.first(MODEL_A));

    assertThat(store.write(state)).isTrue();

    assertThat(store.read()).contains(state);
  }

  @Test
  void theConfiguredModelIsKeptApartFromTheActiveOne() {
    ModelState first = ModelState.first(MODEL_A);
    ModelState configuredB = first.withConfigured(MODEL_B);
    store.write(first);

    store.write(configuredB);

    assertThat(store.read().orElseThrow().configured()).isEqualTo(MODEL_B);
    assertThat(store.read().orElseThrow().active()).isEqualTo(MODEL_A);
  }

  @Test
  void partsRemovedByALaterWriteStayRemoved() {
    ModelState migrating =
        ModelState.first(MODEL_A).withMigration(Optional.of(Migration.start(MODEL_B, T0)));
    ModelState switched =
        migrating.next(
            MODEL_B,
            Optional.empty(),
            Optional.of(new PreviousModel(MODEL_A, T0, T0.plusSeconds(60))));
    ModelState dropped = switched.withPrevious(Optional.empty());
    store.write(ModelState.first(MODEL_A));
    store.write(migrating);
    store.write(switched);

    store.write(dropped);

    assertThat(store.read()).contains(dropped);
  }

  @Test
  void aWriteOverAnotherRevisionThanTheStoredOneIsRefused() {
    ModelState first = ModelState.first(MODEL_A);
    store.write(first);
    ModelState second = first.withMigration(Optional.of(Migration.start(MODEL_B, T0)));
    ModelState skipping = second.next(MODEL_B, Optional.empty(), Optional.empty());

    assertThat(store.write(ModelState.first(MODEL_B))).isFalse();
    assertThat(store.write(skipping)).isFalse();
    assertThat(store.read()).contains(first);
    assertThat(store.write(second)).isTrue();
    assertThat(store.read()).contains(second);
  }

  @Test
  void aFirstWriteMustBeTheFirstRevision() {
    ModelState notFirst = ModelState.first(MODEL_A).withPrevious(Optional.empty());

    assertThat(store.write(notFirst)).isFalse();
    assertThat(store.read()).isEmpty();
  }

  @Test
  void theStateSurvivesReopening() throws Exception {
    ModelState migrating =
        ModelState.first(MODEL_A)
            .withMigration(
                Optional.of(Migration.start(MODEL_B, T0).counted(300).advanced("images/x", 16)));
    store.write(ModelState.first(MODEL_A));
    store.write(migrating);

    ModelStateStore reopened = reopen(store);

    assertThat(reopened.read()).contains(migrating);
    assertThat(reopened.write(migrating.withMigration(Optional.empty()))).isTrue();
  }

  /** Writers that read the same revision race: exactly one of them wins. */
  @Test
  void ofConcurrentWritersOfOneRevisionExactlyOneWins() throws Exception {
    ModelState first = ModelState.first(MODEL_A);
    store.write(first);
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        ModelState mine =
            first.withMigration(Optional.of(Migration.start(MODEL_B, T0.plusSeconds(i))));
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.write(mine);
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> result : results) {
        won += result.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.read()).map(ModelState::revision).contains(2L);
  }
}
