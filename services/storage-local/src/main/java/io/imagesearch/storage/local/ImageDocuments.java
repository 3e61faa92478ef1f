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
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

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
  // Doc values of the library's order (newest first, then id); fields of their own, so a document
  // written before they existed is told apart by lacking them.
  static final String ORDER_SECONDS = "order.createdAtSeconds";
  private static final String ORDER_NANOS = "order.createdAtNanos";
  private static final String ORDER_ID = "order.id";

  /** {@link io.imagesearch.core.search.LibraryPosition#NEWEST_FIRST} in Lucene's terms. */
  static final Sort NEWEST_FIRST =
      new Sort(
          new SortField(ORDER_SECONDS, SortField.Type.LONG, true),
          new SortField(ORDER_NANOS, SortField.Type.LONG, true),
          new SortField(ORDER_ID, SortField.Type.STRING));

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
    doc.add(new NumericDocValuesField(ORDER_SECONDS, m.createdAt().getEpochSecond()));
    doc.add(new NumericDocValuesField(ORDER_NANOS, m.createdAt().getNano()));
    doc.add(new SortedDocValuesField(ORDER_ID, new BytesRef(image.id().hex())));
    doc.add(new TextField(WORDS, String.join(" ", KeywordTerms.ofImage(m)), Store.NO));
    return doc;
  }

  /**
   * The place {@code position} takes in {@link #NEWEST_FIRST}, for {@code searchAfter}. Its doc
   * number is the reader's last, so the entry at exactly that place (the previous page's last) is
   * not repeated: Lucene breaks ties by doc number and takes only those above it.
   */
  static FieldDoc after(io.imagesearch.core.search.LibraryPosition position, int maxDoc) {
    return new FieldDoc(
        maxDoc - 1,
        Float.NaN,
        new Object[] {
          position.createdAt().getEpochSecond(),
          (long) position.createdAt().getNano(),
          new BytesRef(position.id().hex())
        });
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
