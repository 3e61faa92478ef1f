package io.imagesearch.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.support.GenericApplicationContext;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Real SIGTERMs raised in this JVM: the handler closes the context (its beans destroyed) before it
 * exits with the signal's status, and a second signal while closing halts. The ways to exit are
 * recorded instead of ending the test JVM, and its own handler is put back after each test. (SIGINT
 * is not raised: a test JVM started from a shell's background job ignores it.)
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CloseContextOnSignalTest {

  private static final Signal TERM = new Signal("TERM");

  private final List<String> events = new CopyOnWriteArrayList<>();
  private SignalHandler jvmTerm;
  private GenericApplicationContext context;
  private CountDownLatch release = new CountDownLatch(0);

  /**
   * Read by swapping in a handler of this test, never {@code SIG_IGN}: a signal once ignored stays
   * ignored, whatever handler is set after.
   */
  @BeforeEach
  void rememberTheJvmsHandler() {
    jvmTerm = Signal.handle(TERM, signal -> events.add("JVM handler was not restored"));
    Signal.handle(TERM, jvmTerm);
  }

  @AfterEach
  void restoreTheJvmsHandler() {
    Signal.handle(TERM, jvmTerm);
    release.countDown();
    if (context != null && context.isActive()) {
      context.close();
    }
  }

  @Test
  void aSignalClosesTheContextFirstThenExitsWithTheSignalsStatus() {
    start(new CountDownLatch(0));

    Signal.raise(TERM);

    await().atMost(Duration.ofSeconds(30)).until(() -> events.size() >= 2);
    assertThat(events).containsExactly("bean destroyed", "exit 143");
    assertThat(context.isActive()).isFalse();
  }

  @Test
  void aSecondSignalWhileClosingHaltsAtOnce() {
    CountDownLatch closing = new CountDownLatch(1);
    start(closing);

    Signal.raise(TERM);
    await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("destroying"));
    Signal.raise(TERM);
    await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("halt 143"));
    closing.countDown();

    await().atMost(Duration.ofSeconds(30)).until(() -> events.contains("exit 143"));
    assertThat(events).containsExactly("destroying", "halt 143", "bean destroyed", "exit 143");
  }

  @Test
  void aContextClosedAnotherWayPutsBackTheHandlerThatWasThere() {
    SignalHandler before = signal -> events.add("previous handler");
    Signal.handle(TERM, before);
    start(new CountDownLatch(0));

    context.close();

    assertThat(Signal.handle(TERM, jvmTerm)).isSameAs(before);
    assertThat(events).containsExactly("bean destroyed");
  }

  /** A started context with the handler and a bean whose destruction waits for {@code release}. */
  private CloseContextOnSignal start(CountDownLatch release) {
    this.release = release;
    context = new GenericApplicationContext();
    CloseContextOnSignal handler =
        new CloseContextOnSignal(
            context,
            status -> events.add("exit " + status),
            status -> events.add("halt " + status));
    context.registerBean(CloseContextOnSignal.class, () -> handler);
    context.registerBean(
        "slowToClose",
        DisposableBean.class,
        () ->
            () -> {
              if (release.getCount() > 0) {
                events.add("destroying");
                release.await();
              }
              events.add("bean destroyed");
            });
    context.refresh();
    // Raising a signal nobody handles would end the test JVM.
    assertThat(handler.handledSignals()).contains("TERM");
    return handler;
  }
}
