package io.imagesearch.storage.local;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;

/**
 * Lucene's default codec with the vector format the options ask for. The format's name is written
 * into each segment, so segments written another way keep reading with their own format.
 */
final class VectorCodec {

  private VectorCodec() {}

  static Codec of(LuceneIndexOptions options) {
    KnnVectorsFormat format =
        new WideVectorsFormat(
            options.encoding().format(options.maxConnections(), options.beamWidth()));
    return new Lucene103Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }
}
