package io.imagesearch.storage.local;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * A Lucene vector format that accepts up to {@link #MAX_DIMENSIONS} dimensions. Lucene's formats
 * stop at 1,024 by default as a guard, not a limit of the graph; models such as SigLIP 2 (1,152)
 * need more. Writes and reads go to the wrapped format, whose name the segments record, so they
 * read back with Lucene's own format and need no codec registration of their own.
 */
final class WideVectorsFormat extends KnnVectorsFormat {
  /** As far as large embedding models go (and as other Lucene-based engines allow). */
  static final int MAX_DIMENSIONS = 4096;

  private final KnnVectorsFormat delegate;

  WideVectorsFormat(KnnVectorsFormat delegate) {
    super(delegate.getName());
    this.delegate = delegate;
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return delegate.fieldsWriter(state);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return delegate.fieldsReader(state);
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return MAX_DIMENSIONS;
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
