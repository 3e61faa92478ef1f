package io.imagesearch.web;

import io.imagesearch.application.ModelSlot;
import io.imagesearch.application.RankingSettings;
import io.imagesearch.application.SearchService;
import io.imagesearch.application.UploadService;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The real use cases on in-memory ports, for the controller slices: a request goes through the same
 * validation and refusals as in the apps, and the test reads or breaks the ports directly.
 */
@TestConfiguration(proxyBeanMethods = false)
class FakePorts {

  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  /** Small enough that a test image of noise exceeds it. */
  static final long MAX_IMAGE_BYTES = 64 * 1024;

  static final long MAX_BACKLOG = 100;

  final InMemoryObjectStore objects = new InMemoryObjectStore();
  final InMemoryTaskQueue queue = new InMemoryTaskQueue();
  final InMemoryTaskStatusStore statuses = new InMemoryTaskStatusStore();
  final RecordingVectorIndex index = new RecordingVectorIndex();
  final FixedEmbedder embedder = new FixedEmbedder();
  private final ImageDecoder decoder =
      new ImageDecoder(new DecoderLimits(MAX_IMAGE_BYTES, 50_000_000L, 2));

  /** Empties every port and brings it back up; the context outlives a test. */
  void reset() {
    objects.clear();
    queue.clear();
    statuses.clear();
    index.clear();
    embedder.clear();
  }

  @Bean
  ObjectStore objectStore() {
    return objects;
  }

  @Bean
  UploadService uploadService() {
    return new UploadService(decoder, objects, queue, statuses, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Bean
  SearchService searchService() {
    // The index is emptied between tests: the cutoff's sample must be drawn anew each time.
    RankingSettings ranking = RankingSettings.DEFAULTS;
    return new SearchService(
        ModelSlot.of(embedder, index),
        objects,
        decoder,
        new RankingSettings(
            ranking.candidates(),
            ranking.rrfK(),
            ranking.cutoffDeviations(),
            ranking.cutoffSample(),
            Duration.ZERO));
  }

  @Bean
  BackpressureGuard backpressureGuard() {
    return new BackpressureGuard(queue, MAX_BACKLOG);
  }
}
