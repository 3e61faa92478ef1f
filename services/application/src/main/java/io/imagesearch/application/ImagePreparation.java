package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.Embedder;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.imaging.DecodedImage;
import io.imagesearch.imaging.DecodingMemory;
import io.imagesearch.imaging.ImageDecoder;
import io.imagesearch.imaging.PerceptualHash;
import io.imagesearch.imaging.Thumbnailer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The part of indexing a stored image that needs no model: read the bytes, decode them within the
 * process's decoding budget, make and store the thumbnail, hash it, and have each model make its
 * input. The ingest worker and the library reindex both prepare images here, so an image reindexed
 * for a new model gets exactly what an upload would.
 */
final class ImagePreparation implements AutoCloseable {

  /** Whether the thumbnail is written even when one is stored already. */
  enum Thumbnails {
    /** An upload: a retried or repeated upload writes the same thumbnail again. */
    ALWAYS,
    /** A reindex: the upload stored one already, unless it was lost. */
    IF_MISSING
  }

  private final ObjectStore objects;
  private final ImageDecoder decoder;
  private final Thumbnailer thumbnailer;
  private final ExecutorService threads;

  /**
   * @param threads images prepared at once: the work is several times the forward pass of a small
   *     model and would otherwise leave all but one core idle
   * @param threadName prefix of the preparing threads' names
   */
  ImagePreparation(
      ObjectStore objects,
      ImageDecoder decoder,
      Thumbnailer thumbnailer,
      int threads,
      String threadName) {
    this.objects = objects;
    this.decoder = decoder;
    this.thumbnailer = thumbnailer;
    this.threads =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name(threadName, 0).daemon().factory());
  }

  /** Runs {@code work} (a preparation and what goes with it) on the preparing threads. */
  <T> Future<T> submit(Callable<T> work) {
    return threads.submit(work);
  }

  /** Stops the preparing threads; what they were preparing is abandoned. */
  @Override
  public void close() {
    threads.shutdownNow();
  }

  /**
   * @throws MissingImageException when the bytes are gone
   * @throws io.imagesearch.imaging.ImageRejectedException when they are not an image this accepts
   */
  PreparedImage prepare(ImageId id, List<Embedder> embedders, Thumbnails thumbnails) {
    return decoded(id, (image, bytes) -> prepare(id, image, bytes, embedders, thumbnails));
  }

  /** One model's input only: for a model added after the image was prepared for the others. */
  Embedder.ImageInput input(ImageId id, Embedder embedder) {
    return decoded(id, (image, bytes) -> embedder.prepareImage(image.rgb()));
  }

  private PreparedImage prepare(
      ImageId id,
      DecodedImage image,
      byte[] original,
      List<Embedder> embedders,
      Thumbnails thumbnails) {
    Thumbnailer.Sizes sizes = thumbnailer.makeSizes(image, original);
    Thumbnailer.Stored thumbnail = sizes.standard();
    store(id.thumbnailKey(), thumbnail, thumbnails);
    sizes.doubled().ifPresent(doubled -> store(id.doubleThumbnailKey(), doubled, thumbnails));
    // The model's input is made here too, so the model thread only runs the model; the full-size
    // pixels are then no longer needed.
    List<PreparedImage.ModelInput> inputs = new ArrayList<>(embedders.size());
    for (Embedder embedder : embedders) {
      inputs.add(new PreparedImage.ModelInput(embedder, embedder.prepareImage(image.rgb())));
    }
    return new PreparedImage(
        id,
        image.format().mimeType(),
        image.width(),
        image.height(),
        image.takenAt(),
        image.camera(),
        // The thumbnail has the same cell averages at a tenth of the pixels.
        PerceptualHash.of(thumbnail.image()),
        List.copyOf(inputs));
  }

  private void store(String key, Thumbnailer.Stored thumbnail, Thumbnails thumbnails) {
    if (thumbnails == Thumbnails.ALWAYS || objects.stat(key).isEmpty()) {
      objects.put(
          key,
          new ByteArrayInputStream(thumbnail.bytes()),
          thumbnail.bytes().length,
          thumbnail.contentType());
    }
  }

  private <T> T decoded(ImageId id, java.util.function.BiFunction<DecodedImage, byte[], T> use) {
    byte[] bytes = read(id);
    return decoder.decodeWithin(DecodingMemory.shared(), bytes, image -> use.apply(image, bytes));
  }

  private byte[] read(ImageId id) {
    try (InputStream in =
        objects.open(id.imageKey()).orElseThrow(() -> new MissingImageException(id))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + id.imageKey(), e);
    }
  }
}
