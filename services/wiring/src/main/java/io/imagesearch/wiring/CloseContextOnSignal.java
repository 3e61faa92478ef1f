package io.imagesearch.wiring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * On SIGTERM or SIGINT, closes the application context before the JVM's shutdown hooks start, then
 * exits with the status the JVM itself gives for the signal (128 + its number).
 *
 * <p>Why: the JVM answers these signals by running every shutdown hook at once, in no defined
 * order. Spring's hook closes the context (the workers stop and finish their batches, then the
 * model is closed), but ONNX Runtime registers a hook of its own that frees its native environment.
 * Running beside Spring's, it freed that environment under a forward pass still running, and the
 * JVM died with a SIGSEGV. Hook order cannot be set, so the context is closed here, from the
 * signal, while no hook runs yet: the workers stop claiming and finish or give back their batches,
 * the model closes after its last forward pass, and only then does {@link System#exit} start the
 * hooks, which find nothing left running.
 *
 * <p>A second signal while the context closes ends the process at once ({@link Runtime#halt}: no
 * hooks, so nothing native is freed under a pass either); tasks still claimed are delivered again
 * after the queue's visibility timeout. Where a handler cannot be installed (a JVM started with
 * {@code -Xrs}), the JVM's own handling stays and Spring's shutdown hook closes the context, as
 * without this class.
 */
public final class CloseContextOnSignal implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(CloseContextOnSignal.class);

  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final ConfigurableApplicationContext context;
  private final IntConsumer exit;
  private final IntConsumer halt;
  private final SignalHandler handler = this::onSignal;
  private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean running;

  public CloseContextOnSignal(ConfigurableApplicationContext context) {
    this(context, System::exit, Runtime.getRuntime()::halt);
  }

  /** With other ways to end the process, for tests. */
  CloseContextOnSignal(ConfigurableApplicationContext context, IntConsumer exit, IntConsumer halt) {
    this.context = context;
    this.exit = exit;
    this.halt = halt;
  }

  /** Installs the handlers once the context has started. */
  @Override
  public synchronized void start() {
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      try {
        SignalHandler before = Signal.handle(signal, handler);
        // The JVM quietly keeps a signal the process ignores (nohup, a background job of a shell)
        // ignored; asking again tells whether this handler is the one in place.
        if (Signal.handle(signal, handler) == handler) {
          replaced.put(signal, before);
        } else {
          LOG.info("SIG{} is ignored by this process, and stays so", name);
        }
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "Cannot handle SIG{} ({}); on that signal the shutdown hooks close the application",
            name,
            e.getMessage());
      }
    }
    running = true;
  }

  /**
   * The context closes for another reason (the app ends by itself, a test closes it): the handlers
   * that were there before are put back, unless another has replaced this one meanwhile.
   */
  @Override
  public synchronized void stop() {
    if (!closing.get()) {
      replaced.forEach(
          (signal, before) -> {
            SignalHandler current = Signal.handle(signal, before);
            if (current != handler) {
              Signal.handle(signal, current);
            }
          });
    }
    replaced.clear();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Installed first and restored last: the handlers cover the whole life of the context. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE;
  }

  /** The signals this instance handles now, such as {@code TERM}. */
  synchronized List<String> handledSignals() {
    return replaced.keySet().stream().map(Signal::getName).toList();
  }

  /** Runs on a thread the JVM starts for the signal. */
  private void onSignal(Signal signal) {
    int status = 128 + signal.getNumber();
    if (!closing.compareAndSet(false, true)) {
      LOG.warn("SIG{} again while the application closes: stopping at once", signal.getName());
      halt.accept(status);
      return;
    }
    LOG.info(
        "SIG{} received: closing the application before the JVM's shutdown hooks run",
        signal.getName());
    // Not on the JVM's signal thread, which is a daemon: once the context has stopped the last
    // other thread, the JVM would end by itself, with status 0, before this thread's exit.
    Thread.ofPlatform()
        .name("close-on-SIG" + signal.getName())
        .daemon(false)
        .start(() -> closeThenExit(status));
  }

  private void closeThenExit(int status) {
    try {
      context.close();
    } catch (RuntimeException e) {
      LOG.error("Closing the application failed", e);
    } finally {
      exit.accept(status);
    }
  }
}
