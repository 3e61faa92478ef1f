package io.imagesearch.index.milvus;

import com.google.gson.JsonObject;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.core.search.IdSample;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.LibraryEntry;
import io.imagesearch.core.search.LibraryPosition;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.core.search.VectorSpaces;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.EmbeddedText;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributed vector index: one Milvus collection per model id and dimension, HNSW over cosine,
 * filters evaluated by Milvus inside the search, and Milvus's own BM25 full-text search over each
 * entry's words. Every read is strongly consistent, so a search sees every upsert that returned
 * before it.
 */
public final class MilvusVectorIndex implements VectorIndex {

  private static final Logger LOG = LoggerFactory.getLogger(MilvusVectorIndex.class);

  /** Milvus refuses a search whose offset + limit exceeds this. */
  static final int MAX_TOP_K = 16_384;

  /** Rows per upsert request: far below Milvus's 64 MB message limit even at 4096 dimensions. */
  private static final int UPSERT_BATCH = 500;

  private final MilvusClientV2 client;
  private final MilvusConfig config;
  private final MilvusIndexParams params;
  private final String collection;
  private final int dimension;
  private volatile boolean hasKeywords;
  private volatile boolean closed;

  private MilvusVectorIndex(
      MilvusClientV2 client,
      MilvusConfig config,
      MilvusIndexParams params,
      String collection,
      int dimension) {
    this.client = client;
    this.config = config;
    this.params = params;
    this.collection = collection;
    this.dimension = dimension;
  }

  /**
   * Connects and opens, or creates and loads, the collection of {@code modelId} at {@code
   * dimension}; fails naming the server and what to check when it cannot.
   */
  public static MilvusVectorIndex open(MilvusConfig config, String modelId, int dimension) {
    return open(config, MilvusIndexParams.DEFAULTS, modelId, dimension);
  }

  /** Same, building a new collection's vector index and tuning searches with {@code params}. */
  public static MilvusVectorIndex open(
      MilvusConfig config, MilvusIndexParams params, String modelId, int dimension) {
    if (dimension < 1 || dimension > ImageSchema.MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "vector dimension must be between 1 and "
              + ImageSchema.MAX_DIMENSION
              + " (Milvus's limit), got "
              + dimension);
    }
    String collection = CollectionName.of(modelId, dimension);
    MilvusClientV2 client;
    try {
      ConnectConfig.ConnectConfigBuilder connect = ConnectConfig.builder().uri(config.uri());
      config.token().ifPresent(connect::token);
      config.database().ifPresent(connect::dbName);
      client = new MilvusClientV2(connect.build());
    } catch (RuntimeException e) {
      throw new MilvusIndexException(
          "cannot connect to Milvus at "
              + config.uri()
              + " (database "
              + config.database().orElse("default")
              + "): "
              + e.getMessage()
              + "; check that the server is running, the uri, the token and the database",
          e);
    }
    MilvusVectorIndex index = new MilvusVectorIndex(client, config, params, collection, dimension);
    try {
      index.hasKeywords =
          index.call(
              "open the collection",
              () -> CollectionSetup.ensure(client, collection, dimension, params));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    if (!index.hasKeywords) {
      LOG.warn(
          "Milvus collection {} was created before keyword search and has no keyword field:"
              + " keyword searches find nothing in it, and hybrid searches rank by meaning only."
              + " Collections created from this version on have it.",
          collection);
    }
    return index;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Drops the collection of {@code modelId} at {@code dimension} (a model no longer kept), if it
   * exists; indexes open on it must be closed first.
   */
  public static void drop(MilvusConfig config, String modelId, int dimension) {
    String collection = CollectionName.of(modelId, dimension);
    ConnectConfig.ConnectConfigBuilder connect = ConnectConfig.builder().uri(config.uri());
    config.token().ifPresent(connect::token);
    config.database().ifPresent(connect::dbName);
    MilvusClientV2 client = new MilvusClientV2(connect.build());
    try {
      if (client.hasCollection(HasCollectionReq.builder().collectionName(collection).build())) {
        client.dropCollection(DropCollectionReq.builder().collectionName(collection).build());
      }
    } catch (RuntimeException e) {
      throw new MilvusIndexException(
          "Milvus failed to drop the collection " + collection + " (uri " + config.uri() + ")", e);
    } finally {
      client.close();
    }
  }

  /** The Milvus collection this index lives in. */
  public String collectionName() {
    return collection;
  }

  /**
   * Checks the whole batch before writing, so a bad entry stores nothing. Batches larger than one
   * request are written in chunks; a failure part-way leaves earlier chunks stored, which a retry
   * of the same idempotent upsert completes.
   */
  @Override
  public void upsert(List<IndexedImage> images) {
    List<JsonObject> rows = new ArrayList<>(images.size());
    for (IndexedImage image : images) {
      Objects.requireNonNull(image, "image");
      VectorSpaces.checkVector(image.vector(), dimension, "vector of image " + image.id());
      rows.add(ImageRows.toRow(image, hasKeywords));
    }
    for (int from = 0; from < rows.size(); from += UPSERT_BATCH) {
      List<JsonObject> chunk = rows.subList(from, Math.min(rows.size(), from + UPSERT_BATCH));
      call(
          "upsert",
          () -> client.upsert(UpsertReq.builder().collectionName(collection).data(chunk).build()));
    }
  }

  /**
   * Milvus's delete answers the same whether or not the id existed, so existence is read first. Two
   * concurrent deletes of one id may both answer true.
   */
  @Override
  public boolean delete(ImageId id) {
    Objects.requireNonNull(id, "id");
    if (queryById(id, List.of(ImageSchema.ID)).isEmpty()) {
      return false;
    }
    call(
        "delete",
        () ->
            client.delete(
                DeleteReq.builder()
                    .collectionName(collection)
                    .ids(List.of((Object) id.hex()))
                    .build()));
    return true;
  }

  @Override
  public List<SearchHit> search(VectorQuery query) {
    VectorSpaces.checkVector(query.vector(), dimension, "query vector");
    long topK = checkTopK("offset + limit", (long) query.offset() + query.limit());
    return searchWithin(
            query.filter(),
            "search",
            request ->
                request
                    .annsField(ImageSchema.VECTOR)
                    .data(List.of(new FloatVec(query.vector())))
                    .limit(topK)
                    .searchParams(params.searchParams(topK)))
        .map(results -> SearchHits.page(results, query))
        .orElse(List.of());
  }

  @Override
  public List<SearchHit> searchWords(KeywordQuery query) {
    if (!hasKeywords || query.terms().isEmpty()) {
      return List.of();
    }
    long limit = checkTopK("limit", query.limit());
    return searchWithin(
            query.filter(),
            "search words",
            request ->
                request
                    .annsField(ImageSchema.KEYWORDS_BM25)
                    .metricType(IndexParam.MetricType.BM25)
                    .data(List.of(new EmbeddedText(String.join(" ", query.terms()))))
                    .limit(limit))
        .map(SearchHits::words)
        .orElse(List.of());
  }

  @Override
  public List<float[]> sampleVectors(int n) {
    // The bound is eight hex digits from IdSample, never user input.
    String filter =
        IdSample.upperBound(count(), n)
            .map(bound -> ImageSchema.ID + " < \"" + bound + "\"")
            .orElse(ImageSchema.ID + " != \"\"");
    QueryResp response =
        call(
            "sample vectors",
            () ->
                client.query(
                    QueryReq.builder()
                        .collectionName(collection)
                        .filter(filter)
                        .limit(IdSample.readLimit(n))
                        .outputFields(List.of(ImageSchema.VECTOR))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
    return response.getQueryResults().stream()
        .map(result -> ImageRows.vectorOf(result.getEntity()))
        .toList();
  }

  @Override
  public Optional<IndexedImage> get(ImageId id) {
    Objects.requireNonNull(id, "id");
    List<String> fields = new ArrayList<>(ImageSchema.SCALAR_FIELDS);
    fields.add(ImageSchema.VECTOR);
    return queryById(id, fields)
        .map(
            entity ->
                new IndexedImage(id, ImageRows.vectorOf(entity), ImageRows.metadataOf(entity)));
  }

  @Override
  public long count() {
    return count(SearchFilter.NONE);
  }

  @Override
  public long count(SearchFilter filter) {
    FilterExpression.Compiled compiled = FilterExpression.of(filter);
    if (compiled instanceof FilterExpression.MatchNothing) {
      return 0;
    }
    QueryResp response =
        call(
            "count",
            () ->
                client.query(
                    QueryReq.builder()
                        .collectionName(collection)
                        .filter(expression(compiled).orElse(""))
                        .outputFields(List.of("count(*)"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
    return ((Number) response.getQueryResults().getFirst().getEntity().get("count(*)")).longValue();
  }

  /** See {@link NewestPage} for why and at what cost the page is a scan. */
  @Override
  public List<LibraryEntry> newest(LibraryQuery query) {
    FilterExpression.Compiled compiled = FilterExpression.of(query.filter());
    if (compiled instanceof FilterExpression.MatchNothing) {
      return List.of();
    }
    NewestPage page = new NewestPage(query.limit());
    String expression = NewestPage.expression(expression(compiled), query.after());
    call(
        "list the library",
        () -> {
          QueryIterator rows =
              client.queryIterator(
                  QueryIteratorReq.builder()
                      .collectionName(collection)
                      .expr(expression)
                      .outputFields(NewestPage.SCAN_FIELDS)
                      .batchSize(NewestPage.SCAN_BATCH)
                      .consistencyLevel(ConsistencyLevel.STRONG)
                      .build());
          try {
            for (List<QueryResultsWrapper.RowRecord> batch = rows.next();
                !batch.isEmpty();
                batch = rows.next()) {
              batch.forEach(row -> page.offer(row.getFieldValues()));
            }
          } finally {
            rows.close();
          }
          return null;
        });
    List<LibraryPosition> positions = page.positions();
    if (positions.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> byId = new HashMap<>();
    QueryResp response =
        call(
            "read the library's page",
            () ->
                client.query(
                    QueryReq.builder()
                        .collectionName(collection)
                        .ids(positions.stream().map(p -> (Object) p.id().hex()).toList())
                        .outputFields(ImageSchema.SCALAR_FIELDS)
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
    response
        .getQueryResults()
        .forEach(r -> byId.put((String) r.getEntity().get(ImageSchema.ID), r.getEntity()));
    List<LibraryEntry> entries = new ArrayList<>(positions.size());
    for (LibraryPosition position : positions) {
      // An entry deleted between the scan and this read is left out.
      Map<String, Object> entity = byId.get(position.id().hex());
      if (entity != null) {
        entries.add(new LibraryEntry(position.id(), ImageRows.metadataOf(entity)));
      }
    }
    return entries;
  }

  private static Optional<String> expression(FilterExpression.Compiled compiled) {
    return compiled instanceof FilterExpression.Expression e
        ? Optional.of(e.text())
        : Optional.empty();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      client.close();
    }
  }

  private static long checkTopK(String what, long topK) {
    if (topK > MAX_TOP_K) {
      throw new IllegalArgumentException(
          what + " is " + topK + " but Milvus returns at most " + MAX_TOP_K + " hits");
    }
    return topK;
  }

  /**
   * One search within the filter, ranked as {@code ranking} sets it up; empty without asking Milvus
   * when the filter can match no entry.
   */
  private Optional<List<SearchResp.SearchResult>> searchWithin(
      SearchFilter searchFilter, String action, UnaryOperator<SearchReq.SearchReqBuilder> ranking) {
    FilterExpression.Compiled filter = FilterExpression.of(searchFilter);
    if (filter instanceof FilterExpression.MatchNothing) {
      return Optional.empty();
    }
    SearchReq.SearchReqBuilder request =
        ranking.apply(
            SearchReq.builder()
                .collectionName(collection)
                .outputFields(ImageSchema.SCALAR_FIELDS)
                .consistencyLevel(ConsistencyLevel.STRONG));
    if (filter instanceof FilterExpression.Expression expression) {
      request.filter(expression.text());
    }
    SearchResp response = call(action, () -> client.search(request.build()));
    return Optional.of(response.getSearchResults().getFirst());
  }

  private Optional<Map<String, Object>> queryById(ImageId id, List<String> fields) {
    QueryResp response =
        call(
            "read an entry",
            () ->
                client.query(
                    QueryReq.builder()
                        .collectionName(collection)
                        .ids(List.of((Object) id.hex()))
                        .outputFields(fields)
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build()));
    return response.getQueryResults().stream().findFirst().map(QueryResp.QueryResult::getEntity);
  }

  /**
   * A collection can be released behind this index: Milvus Lite keeps no load state across a
   * restart, and an operator may release one by hand. Loading it again (idempotent) and retrying
   * once serves the call, where failing would fail every read until this service restarts. The load
   * state is asked after a failure, not read from the error: servers word and number it
   * differently, and the client cannot map every server's code.
   */
  private <T> T loadingIfReleased(String action, Supplier<T> body) {
    try {
      return body.get();
    } catch (MilvusClientException e) {
      if (!released()) {
        throw e;
      }
      LOG.warn(
          "Milvus collection {} was not loaded when asked to {}; loading it again",
          collection,
          action);
      client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
      return body.get();
    }
  }

  private boolean released() {
    try {
      return !client.getLoadState(GetLoadStateReq.builder().collectionName(collection).build());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Runs one Milvus call, naming the server and collection when it fails. */
  private <T> T call(String action, Supplier<T> body) {
    if (closed) {
      throw new IllegalStateException("vector index " + collection + " is closed");
    }
    try {
      return loadingIfReleased(action, body);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MilvusIndexException(
          "Milvus failed to "
              + action
              + " (uri "
              + config.uri()
              + ", collection "
              + collection
              + "): "
              + e.getMessage(),
          e);
    }
  }
}
