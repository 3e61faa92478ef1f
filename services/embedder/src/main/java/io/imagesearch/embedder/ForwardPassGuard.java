package io.imagesearch.embedder;

import io.imagesearch.core.port.EmbedderClosedException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps a model's native memory from being freed under a running forward pass, which crashes the
 * JVM (a SIGSEGV inside the engine) instead of failing a call. Passes run through {@link #run};
 * {@link #close} refuses new ones at once and waits, up to a bound, for those already running.
 *
 * <p>A counter under a lock rather than a read/write lock: a closing thread must not wait behind
 * passes that arrive after it (they are refused), and no lock is held while a pass runs.
 */
final class ForwardPassGuard {

  private final String model;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int running;
  private boolean closed;

  /**
   * @param model names the model in the message of {@link EmbedderClosedException}
   */
  ForwardPassGuard(String model) {
    this.model = model;
  }

  /**
   * Runs {@code pass} unless the guard is closed.
   *
   * @throws EmbedderClosedException once {@link #close} has begun
   */
  <T> T run(Supplier<T> pass) {
    lock.lock();
    try {
      if (closed) {
        throw new EmbedderClosedException(
            "the model " + model + " is closed: the process is stopping");
      }
      running++;
    } finally {
      lock.unlock();
    }
    try {
      return pass.get();
    } finally {
      lock.lock();
      try {
        if (--running == 0) {
          idle.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Refuses new passes, then waits up to {@code timeout} for the running ones to end.
   *
   * @return true if none is running any more, so the native memory may be freed; false if some
   *     still run after the timeout (or the wait was interrupted)
   */
  boolean close(Duration timeout) {
    lock.lock();
    try {
      closed = true;
      long nanos = timeout.toNanos();
      while (running > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return running == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return running == 0;
    } finally {
      lock.unlock();
    }
  }

  /** Passes running now, for the log of a close that gave up waiting. */
  int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }
}
