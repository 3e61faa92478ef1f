package io.imagesearch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.imaging.DecoderLimits;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.ImageRejectedException;
import io.imagesearch.queue.local.LocalQueueConfig;
import io.imagesearch.queue.local.LocalTaskQueue;
import io.imagesearch.queue.local.LocalTaskStatusStore;
import io.imagesearch.storage.local.FilesystemObjectStore;
import io.imagesearch.testsupport.SettableClock;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads within an uploader's quota, on the real embedded store and queue. */
class UploadServiceQuotaTest {

  @TempDir Path dir;
  private LocalTaskQueue queue;
  private LocalTaskStatusStore statuses;
  private FilesystemObjectStore objects;
  private UploadService uploads;

  @BeforeEach
  void setUp() {
    queue = new LocalTaskQueue(new LocalQueueConfig(dir.resolve("queue"), Duration.ofSeconds(30)));
    statuses = new LocalTaskStatusStore(dir.resolve("queue"));
    objects = new FilesystemObjectStore(dir.resolve("objects"));
    uploads =
        new UploadService(
            new ImageDecoder(DecoderLimits.DEFAULT),
            objects,
            queue,
            statuses,
            new SettableClock(Instant.parse("2026-01-02T03:04:05Z")));
  }

  @AfterEach
  void tearDown() {
    queue.close();
    statuses.close();
  }

  @Test
  void aBatchOverTheQuotaRefusesTheFilesThatDoNotFitAndStoresTheOthers() {
    ImageQuota quota = new ImageQuota(2);
    byte[] red = TestPngs.solid(Color.RED);
    byte[] green = TestPngs.solid(Color.GREEN);
    byte[] blue = TestPngs.solid(Color.BLUE);

    UploadService.BatchOutcome outcome =
        uploads.acceptAll(
            List.of(upload(red, "red.png"), upload(green, "green.png"), upload(blue, "blue.png")),
            Set.of(),
            quota);

    assertThat(outcome.accepted())
        .extracting(AcceptedUpload::fileName)
        .containsExactly("red.png", "green.png");
    assertThat(outcome.refused())
        .singleElement()
        .satisfies(
            refused -> {
              assertThat(refused.fileName()).isEqualTo("blue.png");
              assertThat(refused.reason())
                  .isInstanceOfSatisfying(
                      QuotaExceededException.class,
                      e -> assertThat(e.quota()).isEqualTo("max_images"));
            });
    assertThat(objects.stat(ImageId.of(blue).imageKey())).isEmpty();
    assertThat(objects.stat(ImageId.of(red).imageKey())).isPresent();
    assertThat(quota.held).containsExactly(ImageId.of(red), ImageId.of(green));
  }

  @Test
  void anImageTheUploaderHoldsAlreadyTakesNoRoomAgain() {
    ImageQuota quota = new ImageQuota(1);
    byte[] red = TestPngs.solid(Color.RED);

    uploads.accept(red, "red.png", Set.of(), quota);
    AcceptedUpload again = uploads.accept(red, "red-again.png", Set.of(), quota);

    assertThat(again.imageId()).isEqualTo(ImageId.of(red));
    assertThat(quota.held).containsExactly(ImageId.of(red));
  }

  @Test
  void aFileThatIsNoImageTakesNoRoom() {
    ImageQuota quota = new ImageQuota(1);

    assertThatThrownBy(() -> uploads.accept("text".getBytes(), "notes.png", Set.of(), quota))
        .isInstanceOf(ImageRejectedException.class);

    assertThat(quota.held).isEmpty();
  }

  @Test
  void aBatchThatFailsAsAWholeGivesItsRoomBack() {
    ImageQuota quota = new ImageQuota(5);
    uploads.accept(TestPngs.solid(Color.RED), "held.png", Set.of(), quota);
    queue.close();

    assertThatThrownBy(
            () ->
                uploads.acceptAll(
                    List.of(
                        upload(TestPngs.solid(Color.GREEN), "green.png"),
                        upload(TestPngs.solid(Color.RED), "held-again.png")),
                    Set.of(),
                    quota))
        .isInstanceOf(DependencyUnavailableException.class);

    // What this batch took is back; what an earlier upload holds stays held.
    assertThat(quota.held).containsExactly(ImageId.of(TestPngs.solid(Color.RED)));
  }

  private static UploadService.Upload upload(byte[] bytes, String name) {
    return new UploadService.Upload(() -> bytes, name);
  }

  /** At most {@code max} distinct images. */
  private static final class ImageQuota implements UploadAllowance {
    private final int max;
    final Set<ImageId> held = new LinkedHashSet<>();

    ImageQuota(int max) {
      this.max = max;
    }

    @Override
    public boolean take(ImageId image, long bytes) {
      if (held.contains(image)) {
        return false;
      }
      if (held.size() >= max) {
        throw new QuotaExceededException("max_images", "at most " + max + " images");
      }
      return held.add(image);
    }

    @Override
    public void giveBack(ImageId image) {
      held.remove(image);
    }
  }
}
