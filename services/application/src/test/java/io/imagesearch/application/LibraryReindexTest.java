package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.model.LoadedModel;
import io.imagesearch.core.model.ModelRef;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.task.IngestTask;
import io.imagesearch.core.task.TaskId;
import io.imagesearch.imaging.Thumbnailer;
import io.imagesearch.storage.local.LuceneIndexes;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library-wide reindex on the embedded adapters. */
class LibraryReindexTest {

  @TempDir Path dir;
  private TestLibrary library;
  private List<ImageId> ids;
  private LuceneIndexes indexes;
  private TestEmbedders.Counting counting;
  private LoadedModel target;
  private LibraryReindex reindex;
  private final List<String> cursors = new ArrayList<>();

  @BeforeEach
  void aLibraryOfColours() {
    library =
        new TestLibrary(
                dir, new TestModelLoader(dir.resolve("index")).with("c", ColourEmbedder::new))
            .start("c");
    ids = library.ingest(TestLibrary.colours(4));
    indexes = new LuceneIndexes(dir.resolve("index"));
    counting = new TestEmbedders.Counting(TestEmbedders.widerColour(5));
    target =
        new LoadedModel(
            new ModelRef("colour-5d", 5, "t", "TEST"), counting, indexes.open("colour-5d", 5));
    reindex = reindex(new ReindexSettings(5, 2, true, 0));
  }

  private LibraryReindex reindex(ReindexSettings settings) {
    return new LibraryReindex(
        library.objects,
        library.queue,
        library.decoder,
        Thumbnailer.defaults(),
        settings,
        library.clock);
  }

  @AfterEach
  void close() {
    reindex.close();
    target.close();
    library.close();
  }

  private LibraryReindex.Outcome walk(String after, boolean onlyKnown) {
    return reindex.run(
        new LibraryReindex.Request(target, library.slot.serving().index(), onlyKnown, after),
        (lastKey, walked, embedded) -> cursors.add(lastKey),
        () -> false);
  }

  @Test
  void everyStoredImageReachesTheTargetInBatchesWithTheMetadataOfTheKnownIndex() {
    LibraryReindex.Outcome outcome = walk("", true);

    assertThat(outcome).isEqualTo(new LibraryReindex.Outcome(true, 12, 12));
    assertThat(target.index().count()).isEqualTo(12);
    assertThat(cursors).hasSize(3).isSorted();
    assertThat(cursors.getLast())
        .isEqualTo(ids.stream().map(ImageId::imageKey).sorted().toList().getLast());
    IndexedImage copied = target.index().get(ids.getFirst()).orElseThrow();
    assertThat(copied.metadata())
        .isEqualTo(library.slot.serving().index().get(ids.getFirst()).orElseThrow().metadata());
    assertThat(copied.vector()).hasSize(5);
    assertThat(reindex.countImages()).isEqualTo(12);
    assertThat(reindex.embeddedSoFar()).isEqualTo(12);
  }

  /**
   * Images a process without the target wrote after the walk passed their keys (an older worker
   * during a rolling update): the catch-up embeds exactly those, newest first.
   */
  @Test
  void theCatchUpEmbedsWhatWasWrittenWithoutTheTargetAfterTheWalk() {
    walk("", true);
    Instant walkBegan = library.clock.instant();
    library.clock.advance(java.time.Duration.ofSeconds(60));
    List<ImageId> late = library.ingest(List.of(TestPngs.solid(new java.awt.Color(5, 99, 7))));
    int before = counting.images.get();

    long caughtUp =
        reindex.catchUp(
            new LibraryReindex.Request(target, library.slot.serving().index(), true, ""),
            walkBegan,
            () -> false);

    assertThat(caughtUp).isEqualTo(1);
    assertThat(counting.images.get() - before).isEqualTo(1);
    assertThat(target.index().get(late.getFirst())).isPresent();
    assertThat(target.index().count()).isEqualTo(13);
  }

  /**
   * An image whose date is older than the walk (a photo's own date) is not among the newest
   * entries; the counts differ, so the catch-up compares every key.
   */
  @Test
  void theCatchUpFindsAnOldDatedImageTheTargetLacksByComparingCounts() {
    walk("", true);
    target.index().delete(ids.get(3));
    int before = counting.images.get();

    long caughtUp =
        reindex.catchUp(
            new LibraryReindex.Request(target, library.slot.serving().index(), true, ""),
            library.clock.instant().plusSeconds(3600),
            () -> false);

    assertThat(caughtUp).isEqualTo(1);
    assertThat(counting.images.get() - before).isEqualTo(1);
    assertThat(target.index().count()).isEqualTo(12);
  }

  @Test
  void aWalkResumedAfterASavedKeyEmbedsOnlyWhatIsLeft() {
    AtomicBoolean stop = new AtomicBoolean();
    LibraryReindex.Outcome first =
        reindex.run(
            new LibraryReindex.Request(target, library.slot.serving().index(), true, ""),
            (lastKey, walked, embedded) -> {
              cursors.add(lastKey);
              stop.set(true);
            },
            stop::get);
    assertThat(first.finished()).isFalse();
    assertThat(counting.images.get()).isEqualTo(5);

    LibraryReindex.Outcome rest = walk(cursors.getFirst(), true);

    assertThat(rest).isEqualTo(new LibraryReindex.Outcome(true, 7, 7));
    assertThat(counting.images.get()).isEqualTo(12);
    assertThat(target.index().count()).isEqualTo(12);
  }

  @Test
  void imagesTheKnownIndexLacksAreLeftToIngestWhenAsked() {
    byte[] queued = TestPngs.solid(new java.awt.Color(1, 2, 3));
    ImageId pending = ImageId.of(queued);
    library.objects.put(
        pending.imageKey(), new ByteArrayInputStream(queued), queued.length, "image/png");

    walk("", true);
    assertThat(target.index().get(pending)).isEmpty();

    walk("", false);
    assertThat(target.index().get(pending)).isPresent();
  }

  @Test
  void aLostIndexIsRebuiltFromTheOriginalsKeepingWhatTheBytesSay() {
    ImageId first = ids.getFirst();

    reindex.run(
        new LibraryReindex.Request(target, target.index(), false, ""),
        (lastKey, walked, embedded) -> {},
        () -> false);

    IndexedImage rebuilt = target.index().get(first).orElseThrow();
    IndexedImage original = library.slot.serving().index().get(first).orElseThrow();
    assertThat(target.index().count()).isEqualTo(12);
    assertThat(rebuilt.metadata().fileName()).isEqualTo(first.hex());
    assertThat(rebuilt.metadata().perceptualHash()).isEqualTo(original.metadata().perceptualHash());
    assertThat(rebuilt.metadata().width()).isEqualTo(original.metadata().width());
    assertThat(rebuilt.metadata().mimeType()).isEqualTo("image/png");
  }

  @Test
  void anImageThatCannotBeDecodedIsLeftOutAndTheWalkGoesOn() {
    byte[] broken = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    ImageId id = ImageId.of(broken);
    library.objects.put(
        id.imageKey(), new ByteArrayInputStream(broken), broken.length, "image/png");

    LibraryReindex.Outcome outcome = walk("", false);

    assertThat(outcome.finished()).isTrue();
    assertThat(outcome.walked()).isEqualTo(13);
    assertThat(outcome.embedded()).isEqualTo(12);
    assertThat(target.index().get(id)).isEmpty();
  }

  @Test
  void theWalkWaitsWhileUploadsAreQueued() throws Exception {
    library.queue.enqueue(
        new IngestTask(TaskId.random(), ids.getFirst(), "again.png", Set.of(), Instant.now()));
    AtomicBoolean stop = new AtomicBoolean();
    Thread walker =
        Thread.ofPlatform()
            .start(
                () ->
                    reindex.run(
                        new LibraryReindex.Request(
                            target, library.slot.serving().index(), true, ""),
                        (lastKey, walked, embedded) -> {},
                        stop::get));

    Thread.sleep(500);
    assertThat(target.index().count()).isZero();
    library.worker.runOnce("w");
    walker.join(10_000);

    assertThat(walker.isAlive()).isFalse();
    assertThat(target.index().count()).isEqualTo(12);
  }

  @Test
  void aPaceLimitSpreadsTheWalkOut() {
    reindex.close();
    reindex = reindex(new ReindexSettings(4, 2, false, 40));
    long started = System.nanoTime();

    walk("", true);

    // 12 images at 40 per second: three batches of 4, each held to 0.1 s.
    assertThat((System.nanoTime() - started) / 1e9).isGreaterThanOrEqualTo(0.29);
  }
}
