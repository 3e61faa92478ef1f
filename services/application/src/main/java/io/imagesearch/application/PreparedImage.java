package io.imagesearch.application;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.port.Embedder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What indexing needs of a stored image, with its full-size pixels already dropped: what the file
 * says of itself, its perceptual hash and each model's input.
 */
record PreparedImage(
    ImageId id,
    String mimeType,
    int width,
    int height,
    Optional<Instant> takenAt,
    Optional<String> camera,
    long perceptualHash,
    List<ModelInput> inputs) {

  /** One model's input, made by that model's embedder. */
  record ModelInput(Embedder embedder, Embedder.ImageInput input) {}

  /** The input {@code embedder} made, if it was among the models this image was prepared for. */
  Optional<Embedder.ImageInput> inputFor(Embedder embedder) {
    return inputs.stream().filter(i -> i.embedder() == embedder).map(ModelInput::input).findFirst();
  }

  /** The metadata an index entry keeps, with what the upload said of the image. */
  ImageMetadata metadata(String fileName, Set<String> tags, Instant uploadedAt) {
    return new ImageMetadata(
        fileName,
        mimeType,
        width,
        height,
        takenAt.orElse(uploadedAt),
        tags,
        perceptualHash,
        camera);
  }
}
