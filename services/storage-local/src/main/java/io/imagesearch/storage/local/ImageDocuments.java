package io.imagesearch.storage.local;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.image.ImageMetadata;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordTerms;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How an {@link IndexedImage} is laid out as a Lucene document: which fields are searchable,
 * filterable or only stored.
 */
final class ImageDocuments {

  static final String ID = "id";
  static final String VECTOR = "vector";
  static final String MIME_TYPE = "mimeType";
  static final String CREATED_AT = "createdAt";
  static final String TAG = "tags";

  /** The entry's words ({@link KeywordTerms#ofImage}), for BM25; indexed, not stored. */
  static final String WORDS = "words";

  private static final String FILE_NAME = "fileName";
  private static final String WIDTH = "width";
  private static final String HEIGHT = "height";
  private static final String CREATED_AT_SECONDS = "createdAtSeconds";
  private static final String CREATED_AT_NANOS = "createdAtNanos";
  private static final String PERCEPTUAL_HASH = "perceptualHash";
  private static final String CAMERA = "camera";

  /** Cosine on the raw vectors, which Lucene keeps as given so {@code get} returns them as is. */
  static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.COSINE;

  private ImageDocuments() {}

  static Term idTerm(ImageId id) {
    return new Term(ID, id.hex());
  }

  static Document toDocument(IndexedImage image) {
    ImageMetadata m = image.metadata();
    Document doc = new Document();
    doc.add(new StringField(ID, image.id().hex(), Store.YES));
    doc.add(new KnnFloatVectorField(VECTOR, image.vector(), SIMILARITY));
    doc.add(new StoredField(FILE_NAME, m.fileName()));
    doc.add(new StringField(MIME_TYPE, m.mimeType(), Store.YES));
    doc.add(new StoredField(WIDTH, m.width()));
    doc.add(new StoredField(HEIGHT, m.height()));
    doc.add(InstantPoint.field(CREATED_AT, m.createdAt()));
    doc.add(new StoredField(CREATED_AT_SECONDS, m.createdAt().getEpochSecond()));
    doc.add(new StoredField(CREATED_AT_NANOS, m.createdAt().getNano()));
    for (String tag : m.tags()) {
      doc.add(new StringField(TAG, tag, Store.YES));
    }
    doc.add(new StoredField(PERCEPTUAL_HASH, m.perceptualHash()));
    m.camera().ifPresent(camera -> doc.add(new StoredField(CAMERA, camera)));
    doc.add(new TextField(WORDS, String.join(" ", KeywordTerms.ofImage(m)), Store.NO));
    return doc;
  }

  static ImageId idOf(Document stored) {
    return new ImageId(stored.get(ID));
  }

  static ImageMetadata metadataOf(Document stored) {
    return new ImageMetadata(
        stored.get(FILE_NAME),
        stored.get(MIME_TYPE),
        stored.getField(WIDTH).numericValue().intValue(),
        stored.getField(HEIGHT).numericValue().intValue(),
        Instant.ofEpochSecond(
            stored.getField(CREATED_AT_SECONDS).numericValue().longValue(),
            stored.getField(CREATED_AT_NANOS).numericValue().intValue()),
        Set.of(stored.getValues(TAG)),
        stored.getField(PERCEPTUAL_HASH).numericValue().longValue(),
        Optional.ofNullable(stored.get(CAMERA)));
  }
}
