package io.imagesearch.storage.local;

import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IdSample;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.core.search.VectorSpaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.KnnVectorValues.DocIndexIterator;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;

/**
 * The embedded vector index: Lucene HNSW over cosine similarity, one directory per model and
 * dimension. Every write is committed before it returns, so it survives a crash. Reads go through a
 * {@link SearcherManager} refreshed after each write; writes are serialised, which also makes
 * {@link #delete}'s "did it exist" answer exact. One process may open a directory at a time
 * (Lucene's write lock enforces it).
 *
 * <p>A search whose candidates (all documents, or those a filter lets through) are few scans them
 * exactly; above {@link LuceneIndexOptions#exactScanBelow} it walks the graph, and with a quantized
 * {@link VectorEncoding} rescores an oversampled candidate set at full precision. The encoding is
 * written per segment: an index written with another encoding keeps opening, its old segments are
 * read as they were written and rewritten in the new encoding when merged.
 */
public final class LuceneVectorIndex implements VectorIndex {

  /** Documents rewritten per commit when an index from before the library order is opened. */
  private static final int REWRITE_BATCH = 1000;

  private final int dimension;
  private final LuceneIndexOptions options;
  private final IdleMerger merger;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private boolean closed;

  /** Opens, or creates, the index of {@code modelId} at {@code dimension} under {@code baseDir}. */
  public static LuceneVectorIndex open(Path baseDir, String modelId, int dimension) {
    return open(baseDir, modelId, dimension, LuceneIndexOptions.DEFAULTS);
  }

  /** Same, with {@code options}. */
  public static LuceneVectorIndex open(
      Path baseDir, String modelId, int dimension, LuceneIndexOptions options) {
    return new LuceneVectorIndex(
        baseDir.resolve(IndexDirectoryName.of(modelId, dimension)), dimension, options);
  }

  /** Opens, or creates, an index in {@code indexDir} itself. */
  public LuceneVectorIndex(Path indexDir, int dimension) {
    this(indexDir, dimension, LuceneIndexOptions.DEFAULTS);
  }

  /** Opens, or creates, an index in {@code indexDir} itself, with {@code options}. */
  public LuceneVectorIndex(Path indexDir, int dimension, LuceneIndexOptions options) {
    if (dimension < 1 || dimension > WideVectorsFormat.MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "vector dimension must be between 1 and "
              + WideVectorsFormat.MAX_DIMENSIONS
              + ", got "
              + dimension);
    }
    this.dimension = dimension;
    this.options = Objects.requireNonNull(options, "options");
    Directory dir = null;
    IndexWriter w = null;
    SearcherManager sm = null;
    try {
      dir = VectorIndexDirectory.open(indexDir, options.encoding());
      w =
          new IndexWriter(
              dir,
              new IndexWriterConfig(WordQueries.ANALYZER)
                  .setOpenMode(OpenMode.CREATE_OR_APPEND)
                  .setCodec(VectorCodec.of(options)));
      // Commit at once so a brand-new index exists on disk and a reopen finds it.
      w.commit();
      sm = new SearcherManager(w, null);
      checkStoredDimension(sm, indexDir, dimension);
      addLibraryOrder(w, sm);
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(e, sm, w, dir);
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot open vector index " + indexDir, io)
          : (RuntimeException) e;
    }
    this.directory = dir;
    this.writer = w;
    this.searchers = sm;
    this.merger =
        new IdleMerger(
            options.mergeWhenIdle(), this::mergeSegments, indexDir.getFileName().toString());
  }

  /**
   * Merges the index down to {@link LuceneIndexOptions#maxSegments} segments and makes the result
   * visible. Writes may go on meanwhile (Lucene merges beside them). Runs by itself once writes
   * stop; public for benchmarks that measure the effect.
   */
  public void mergeSegments() {
    try {
      writer.forceMerge(options.maxSegments());
      write(
          () -> {
            writer.commit();
            searchers.maybeRefreshBlocking();
            return false;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("merging the vector index failed", e);
    }
  }

  /** The number of segments searches go through now. */
  public int segmentCount() {
    return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void upsert(List<IndexedImage> images) {
    // Check the whole batch first, so a bad entry leaves the index untouched.
    List<Document> docs = new ArrayList<>(images.size());
    for (IndexedImage image : images) {
      Objects.requireNonNull(image, "image");
      VectorSpaces.checkVector(image.vector(), dimension, "vector of image " + image.id());
      docs.add(ImageDocuments.toDocument(image));
    }
    if (docs.isEmpty()) {
      return;
    }
    write(
        () -> {
          for (int i = 0; i < docs.size(); i++) {
            writer.updateDocument(ImageDocuments.idTerm(images.get(i).id()), docs.get(i));
          }
          return true;
        });
  }

  @Override
  public boolean delete(ImageId id) {
    Objects.requireNonNull(id, "id");
    return write(
        () -> {
          // Exact under the write lock: the searcher reflects every write made so far.
          if (withSearcher(s -> s.count(new TermQuery(ImageDocuments.idTerm(id)))) == 0) {
            return false;
          }
          writer.deleteDocuments(ImageDocuments.idTerm(id));
          return true;
        });
  }

  @Override
  public List<SearchHit> search(VectorQuery query) {
    VectorSpaces.checkVector(query.vector(), dimension, "query vector");
    return withSearcher(
        searcher -> {
          long wanted = (long) query.offset() + query.limit();
          Query filter = FilterQueries.of(query.filter()).orElse(null);
          int candidates =
              filter == null ? searcher.getIndexReader().numDocs() : searcher.count(filter);
          // Also the empty index, and an offset past its end.
          if (candidates <= query.offset()) {
            return List.of();
          }
          if (candidates <= options.exactScanBelow()) {
            int k = (int) Math.min(wanted, candidates);
            return hits(
                searcher, ExactVectorSearch.scan(searcher, query.vector(), filter, k), query);
          }
          // No more candidates than documents: k sizes Lucene's result queue.
          int k =
              Math.min(
                  options.graphCandidates(wanted, searcher.getIndexReader().numDocs()),
                  searcher.getIndexReader().maxDoc());
          TopDocs top =
              searcher.search(
                  new KnnFloatVectorQuery(ImageDocuments.VECTOR, query.vector(), k, filter), k);
          if (options.encoding().quantized()) {
            // Lucene returns the candidates best first by their quantized score.
            top =
                ExactVectorSearch.rescore(
                    searcher, query.vector(), best(top, options.rescored(wanted, k)));
          }
          return hits(searcher, top, query);
        });
  }

  @Override
  public List<SearchHit> searchWords(KeywordQuery query) {
    Optional<Query> words = WordQueries.of(query);
    if (words.isEmpty()) {
      return List.of();
    }
    return withSearcher(
        searcher -> {
          TopDocs top = searcher.search(words.get(), query.limit());
          StoredFields fields = searcher.storedFields();
          List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
          for (ScoreDoc scored : top.scoreDocs) {
            hits.add(hitOf(fields, scored.doc, scored.score));
          }
          return hits;
        });
  }

  @Override
  public List<float[]> sampleVectors(int n) {
    return withSearcher(
        searcher -> {
          Query sample =
              IdSample.upperBound(searcher.getIndexReader().numDocs(), n)
                  .<Query>map(
                      bound ->
                          TermRangeQuery.newStringRange(
                              ImageDocuments.ID, null, bound, false, false))
                  .orElseGet(MatchAllDocsQuery::new);
          TopDocs top = searcher.search(sample, IdSample.readLimit(n));
          List<float[]> vectors = new ArrayList<>(top.scoreDocs.length);
          for (ScoreDoc scored : top.scoreDocs) {
            vectors.add(vectorOf(searcher, scored.doc));
          }
          return vectors;
        });
  }

  @Override
  public Optional<IndexedImage> get(ImageId id) {
    Objects.requireNonNull(id, "id");
    return withSearcher(
        searcher -> {
          TopDocs top = searcher.search(new TermQuery(ImageDocuments.idTerm(id)), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          int doc = top.scoreDocs[0].doc;
          Document stored = searcher.storedFields().document(doc);
          return Optional.of(
              new IndexedImage(id, vectorOf(searcher, doc), ImageDocuments.metadataOf(stored)));
        });
  }

  @Override
  public long count() {
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  @Override
  public long count(SearchFilter filter) {
    Query query = FilterQueries.of(filter).orElseGet(MatchAllDocsQuery::new);
    return withSearcher(searcher -> (long) searcher.count(query));
  }

  @Override
  public List<LibraryEntry> newest(LibraryQuery query) {
    Query filter = FilterQueries.of(query.filter()).orElseGet(MatchAllDocsQuery::new);
    return withSearcher(
        searcher -> {
          int maxDoc = searcher.getIndexReader().maxDoc();
          if (maxDoc == 0) {
            return List.<LibraryEntry>of();
          }
          TopDocs top =
              query.after().isPresent()
                  ? searcher.searchAfter(
                      ImageDocuments.after(query.after().get(), maxDoc),
                      filter,
                      query.limit(),
                      ImageDocuments.NEWEST_FIRST)
                  : searcher.search(filter, query.limit(), ImageDocuments.NEWEST_FIRST);
          StoredFields fields = searcher.storedFields();
          List<LibraryEntry> entries = new ArrayList<>(top.scoreDocs.length);
          for (ScoreDoc scored : top.scoreDocs) {
            Document stored = fields.document(scored.doc);
            entries.add(
                new LibraryEntry(ImageDocuments.idOf(stored), ImageDocuments.metadataOf(stored)));
          }
          return entries;
        });
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      merger.close();
      try (directory;
          writer;
          searchers) {
        // Closing in reverse order: searchers, writer (nothing uncommitted is left), directory.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close vector index", e);
    } finally {
      writeLock.unlock();
    }
  }

  /** The first {@code n} of {@code top} (all of them if it holds no more). */
  private static TopDocs best(TopDocs top, int n) {
    return top.scoreDocs.length <= n
        ? top
        : new TopDocs(top.totalHits, Arrays.copyOf(top.scoreDocs, n));
  }

  private List<SearchHit> hits(IndexSearcher searcher, TopDocs top, VectorQuery query)
      throws IOException {
    StoredFields fields = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>();
    int end = (int) Math.min(top.scoreDocs.length, (long) query.offset() + query.limit());
    for (int i = query.offset(); i < end; i++) {
      ScoreDoc scored = top.scoreDocs[i];
      float cosine = CosineScores.fromLucene(scored.score);
      if (cosine < query.minScore()) {
        break; // best first: every later hit scores lower still
      }
      hits.add(hitOf(fields, scored.doc, cosine));
    }
    return hits;
  }

  /** {@code fields} is one per search: each new one sets up a reader of every segment it reads. */
  private static SearchHit hitOf(StoredFields fields, int doc, float score) throws IOException {
    Document stored = fields.document(doc);
    return new SearchHit(ImageDocuments.idOf(stored), score, ImageDocuments.metadataOf(stored));
  }

  /** The raw vector as indexed, read from the segment's vector values rather than stored twice. */
  private static float[] vectorOf(IndexSearcher searcher, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(ImageDocuments.VECTOR);
    DocIndexIterator it = values.iterator();
    int local = doc - leaf.docBase;
    if (it.advance(local) != local) {
      throw new IllegalStateException("document " + doc + " has no vector");
    }
    return values.vectorValue(it.index()).clone();
  }

  /** Runs one write under the lock; when it changed anything, commits and refreshes readers. */
  private boolean write(IoAction<Boolean> action) {
    writeLock.lock();
    try {
      ensureOpen();
      boolean changed = action.run();
      if (changed) {
        writer.commit();
        searchers.maybeRefreshBlocking();
        merger.written();
      }
      return changed;
    } catch (IOException e) {
      throw new UncheckedIOException("vector index write failed", e);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T withSearcher(IoFunction<IndexSearcher, T> read) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return read.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("vector index read failed", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("vector index is closed");
    }
  }

  /** An index made for another dimension must not be mixed with this one's vectors. */
  private static void checkStoredDimension(SearcherManager sm, Path indexDir, int dimension)
      throws IOException {
    IndexSearcher searcher = sm.acquire();
    try {
      FieldInfo field =
          FieldInfos.getMergedFieldInfos(searcher.getIndexReader())
              .fieldInfo(ImageDocuments.VECTOR);
      if (field != null && field.getVectorDimension() != dimension) {
        throw new IllegalArgumentException(
            "index "
                + indexDir
                + " holds vectors of dimension "
                + field.getVectorDimension()
                + ", not "
                + dimension);
      }
    } finally {
      sm.release(searcher);
    }
  }

  /**
   * Rewrites the documents written before the library order had doc values of its own, from their
   * stored fields and vector, so that {@link #newest} lists every entry. Runs once: afterwards no
   * document lacks them.
   */
  private static void addLibraryOrder(IndexWriter writer, SearcherManager searchers)
      throws IOException {
    Query lacking =
        new BooleanQuery.Builder()
            .add(new MatchAllDocsQuery(), Occur.FILTER)
            .add(new FieldExistsQuery(ImageDocuments.ORDER_SECONDS), Occur.MUST_NOT)
            .build();
    for (; ; ) {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs batch = searcher.search(lacking, REWRITE_BATCH);
        if (batch.scoreDocs.length == 0) {
          return;
        }
        for (ScoreDoc scored : batch.scoreDocs) {
          Document stored = searcher.storedFields().document(scored.doc);
          IndexedImage image =
              new IndexedImage(
                  ImageDocuments.idOf(stored),
                  vectorOf(searcher, scored.doc),
                  ImageDocuments.metadataOf(stored));
          writer.updateDocument(
              ImageDocuments.idTerm(image.id()), ImageDocuments.toDocument(image));
        }
      } finally {
        searchers.release(searcher);
      }
      writer.commit();
      searchers.maybeRefreshBlocking();
    }
  }

  private static void closeAfterFailure(Exception failure, AutoCloseable... resources) {
    for (AutoCloseable c : resources) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface IoFunction<A, T> {
    T apply(A argument) throws IOException;
  }
}
