package io.imagesearch.storage.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.codecs.lucene95.HasIndexSlice;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues.DocIndexIterator;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Scores documents with their full-precision vectors (Lucene's SIMD cosine): the whole index or a
 * filter's documents for an exact search, or a quantized graph search's candidates for rescoring.
 * Scores are on Lucene's cosine scale, {@code (1 + cos) / 2}, like the graph search's.
 */
final class ExactVectorSearch {

  /** Best first; equal scores by doc id, as Lucene orders them. */
  private static final Comparator<ScoreDoc> BEST_FIRST =
      Comparator.<ScoreDoc>comparingDouble(d -> -d.score).thenComparingInt(d -> d.doc);

  private ExactVectorSearch() {}

  /** The best {@code k} live documents that {@code filter} (null: all) lets through. */
  static TopDocs scan(IndexSearcher searcher, float[] query, Query filter, int k)
      throws IOException {
    Weight weight =
        filter == null
            ? null
            : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    // Min-heap of the best k so far: its head is the one to beat.
    PriorityQueue<ScoreDoc> best = new PriorityQueue<>(k + 1, BEST_FIRST.reversed());
    long visited = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(ImageDocuments.VECTOR);
      if (values == null) {
        continue;
      }
      DocIndexIterator vectors = values.iterator();
      DocIdSetIterator docs = vectors;
      if (weight != null) {
        Scorer matches = weight.scorer(leaf);
        if (matches == null) {
          continue;
        }
        docs = matches.iterator();
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if ((live != null && !live.get(doc)) || !hasVector(vectors, doc)) {
          continue;
        }
        visited++;
        float score = luceneScore(query, values.vectorValue(vectors.index()));
        if (best.size() < k) {
          best.add(new ScoreDoc(leaf.docBase + doc, score));
        } else if (score > best.peek().score) {
          best.poll();
          best.add(new ScoreDoc(leaf.docBase + doc, score));
        }
      }
    }
    ScoreDoc[] sorted = best.toArray(new ScoreDoc[0]);
    Arrays.sort(sorted, BEST_FIRST);
    return new TopDocs(new TotalHits(visited, TotalHits.Relation.EQUAL_TO), sorted);
  }

  /**
   * {@code candidates} re-scored at full precision, best first. Every candidate's vector is asked
   * of the disk before the first is read, so those not in memory arrive together instead of one
   * read after another.
   */
  static TopDocs rescore(IndexSearcher searcher, float[] query, TopDocs candidates)
      throws IOException {
    ScoreDoc[] byDoc = candidates.scoreDocs.clone();
    Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    FloatVectorValues[] valuesOf = new FloatVectorValues[byDoc.length];
    int[] ordinals = new int[byDoc.length];
    int leafIndex = -1;
    FloatVectorValues values = null;
    DocIndexIterator vectors = null;
    for (int i = 0; i < byDoc.length; i++) {
      int index = ReaderUtil.subIndex(byDoc[i].doc, leaves);
      LeafReaderContext leaf = leaves.get(index);
      if (index != leafIndex) {
        leafIndex = index;
        values = leaf.reader().getFloatVectorValues(ImageDocuments.VECTOR);
        vectors = values.iterator();
      }
      int local = byDoc[i].doc - leaf.docBase;
      if (!hasVector(vectors, local)) {
        throw new IllegalStateException("document " + byDoc[i].doc + " has no vector");
      }
      valuesOf[i] = values;
      ordinals[i] = vectors.index();
      prefetch(values, ordinals[i]);
    }
    List<ScoreDoc> rescored = new ArrayList<>(byDoc.length);
    for (int i = 0; i < byDoc.length; i++) {
      rescored.add(
          new ScoreDoc(byDoc[i].doc, luceneScore(query, valuesOf[i].vectorValue(ordinals[i]))));
    }
    rescored.sort(BEST_FIRST);
    return new TopDocs(candidates.totalHits, rescored.toArray(new ScoreDoc[0]));
  }

  /** Asks the OS to read one vector in the background, where Lucene's values allow it. */
  private static void prefetch(FloatVectorValues values, int ordinal) throws IOException {
    if (values instanceof HasIndexSlice sliced) {
      long bytes = (long) values.dimension() * Float.BYTES;
      sliced.getSlice().prefetch(ordinal * bytes, bytes);
    }
  }

  /** Moves {@code vectors} (forward only) to {@code doc}; false if that document has none. */
  private static boolean hasVector(DocIndexIterator vectors, int doc) throws IOException {
    return (vectors.docID() < doc ? vectors.advance(doc) : vectors.docID()) == doc;
  }

  private static float luceneScore(float[] query, float[] vector) {
    return (1 + VectorUtil.cosine(query, vector)) / 2;
  }
}
