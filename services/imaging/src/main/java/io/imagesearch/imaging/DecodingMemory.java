package io.imagesearch.imaging;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the heap that images being decoded and resized hold at once. Every caller reserves what a
 * decode may take ({@link ImageDecoder.Probe#decodingBytes()}) before decoding, and waits while
 * others hold the budget, so concurrent large images run one after another instead of exhausting
 * the heap together. A reservation larger than the whole budget is cut to it: such an image runs
 * alone.
 */
public final class DecodingMemory {

  /** Half the heap, shared by everything in this process that decodes: the heap is shared too. */
  private static final DecodingMemory SHARED =
      new DecodingMemory(Runtime.getRuntime().maxMemory() / 2);

  private static final int UNIT = 1024;

  private final Semaphore units;
  private final int capacity;

  public DecodingMemory(long bytes) {
    if (bytes < UNIT) {
      throw new IllegalArgumentException("the decoding budget must be at least 1 KiB: " + bytes);
    }
    this.capacity = (int) Math.min(Integer.MAX_VALUE, bytes / UNIT);
    this.units = new Semaphore(capacity, true);
  }

  public static DecodingMemory shared() {
    return SHARED;
  }

  /**
   * Runs {@code work} once {@code bytes} of the budget are free, and frees them after.
   *
   * @throws IllegalStateException when interrupted while waiting (the interrupt is kept)
   */
  public <T> T within(long bytes, Supplier<T> work) {
    int needed = (int) Math.max(1, Math.min(capacity, (bytes + UNIT - 1) / UNIT));
    try {
      units.acquire(needed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for memory to decode an image", e);
    }
    try {
      return work.get();
    } finally {
      units.release(needed);
    }
  }

  /** Bytes free now, for tests and metrics. */
  public long availableBytes() {
    return (long) units.availablePermits() * UNIT;
  }
}
