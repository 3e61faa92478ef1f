package io.imagesearch.contract;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Ids, metadata and index entries for tests, with defaults for everything a test does not set. */
public final class TestImages {

  /** The {@code createdAt} of {@link #metadata()} unless a test sets another. */
  public static final Instant DEFAULT_CREATED_AT = Instant.parse("2024-05-01T12:00:00Z");

  private TestImages() {}

  /** A distinct, valid id per {@code n}: the SHA-256 of its big-endian bytes. */
  public static ImageId id(int n) {
    return ImageId.of(ByteBuffer.allocate(Integer.BYTES).putInt(n).array());
  }

  public static IndexedImage image(int n, float[] vector) {
    return new IndexedImage(id(n), vector, metadata().fileName("image-" + n + ".jpg").build());
  }

  public static IndexedImage image(int n, float[] vector, ImageMetadata metadata) {
    return new IndexedImage(id(n), vector, metadata);
  }

  public static MetadataBuilder metadata() {
    return new MetadataBuilder();
  }

  /** Mutable builder for {@link ImageMetadata}; starts from a plain JPEG with no tags. */
  public static final class MetadataBuilder {
    private String fileName = "photo.jpg";
    private String mimeType = "image/jpeg";
    private int width = 640;
    private int height = 480;
    private Instant createdAt = DEFAULT_CREATED_AT;
    private Set<String> tags = Set.of();
    private long perceptualHash = 0x0123_4567_89ab_cdefL;
    private Optional<String> camera = Optional.empty();

    private MetadataBuilder() {}

    public MetadataBuilder fileName(String fileName) {
      this.fileName = fileName;
      return this;
    }

    public MetadataBuilder mimeType(String mimeType) {
      this.mimeType = mimeType;
      return this;
    }

    public MetadataBuilder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    public MetadataBuilder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public MetadataBuilder tags(String... tags) {
      this.tags = Set.of(tags);
      return this;
    }

    public MetadataBuilder perceptualHash(long perceptualHash) {
      this.perceptualHash = perceptualHash;
      return this;
    }

    public MetadataBuilder camera(String camera) {
      this.camera = Optional.of(camera);
      return this;
    }

    public ImageMetadata build() {
      return new ImageMetadata(
          fileName, mimeType, width, height, createdAt, tags, perceptualHash, camera);
    }
  }
}
