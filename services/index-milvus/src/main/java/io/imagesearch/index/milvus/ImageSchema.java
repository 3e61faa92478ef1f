package io.imagesearch.index.milvus;

import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq.CollectionSchema;
import io.milvus.v2.service.collection.request.CreateCollectionReq.Function;
import java.util.List;
import java.util.Map;

/**
 * The layout of an image collection. {@code createdAt} is two fields, epoch seconds and the nano of
 * that second, so instants round-trip and range filters stay exact to the nanosecond over the whole
 * {@link java.time.Instant} range (epoch nanos in one Int64 would end in 2262). The entry's words
 * ({@link io.imagesearch.core.search.KeywordTerms#ofImage}, split already, joined by spaces) feed
 * Milvus's BM25 function, which keeps their sparse vector for full-text search.
 */
final class ImageSchema {

  static final String ID = "id";
  static final String VECTOR = "vector";
  static final String FILE_NAME = "file_name";
  static final String MIME_TYPE = "mime_type";
  static final String WIDTH = "width";
  static final String HEIGHT = "height";
  static final String CREATED_AT = "created_at";
  static final String CREATED_AT_NANOS = "created_at_nanos";
  static final String TAGS = "tags";
  static final String PHASH = "phash";
  static final String CAMERA = "camera";
  static final String KEYWORDS = "keywords";
  static final String KEYWORDS_BM25 = "keywords_bm25";

  /** Every scalar field: what search hits carry. */
  static final List<String> SCALAR_FIELDS =
      List.of(
          ID,
          FILE_NAME,
          MIME_TYPE,
          WIDTH,
          HEIGHT,
          CREATED_AT,
          CREATED_AT_NANOS,
          TAGS,
          PHASH,
          CAMERA);

  /** Byte limits (Milvus counts VarChar length in UTF-8 bytes); checked before any write. */
  static final int MAX_FILE_NAME_BYTES = 4096;

  static final int MAX_MIME_TYPE_BYTES = 255;
  static final int MAX_CAMERA_BYTES = 1024;
  static final int MAX_TAGS = 64;
  static final int MAX_TAG_BYTES = 256;

  /**
   * Milvus's largest VarChar: room for {@link io.imagesearch.core.search.KeywordTerms}' at most 200
   * words of at most 64 characters (4 UTF-8 bytes each) and their spaces.
   */
  static final int MAX_KEYWORDS_BYTES = 65_535;

  /** Milvus's own bound on a float vector's dimension. */
  static final int MAX_DIMENSION = 32_768;

  private ImageSchema() {}

  static CollectionSchema schema(MilvusClientV2 client, int dimension) {
    CollectionSchema schema = schemaWithoutKeywords(client, dimension);
    addKeywords(schema);
    return schema;
  }

  /** The fields collections had before keyword search; such collections are still served. */
  static CollectionSchema schemaWithoutKeywords(MilvusClientV2 client, int dimension) {
    CollectionSchema schema = client.createSchema();
    schema.addField(
        AddFieldReq.builder()
            .fieldName(ID)
            .dataType(DataType.VarChar)
            .maxLength(64)
            .isPrimaryKey(true)
            .autoID(false)
            .build());
    schema.addField(
        AddFieldReq.builder()
            .fieldName(VECTOR)
            .dataType(DataType.FloatVector)
            .dimension(dimension)
            .build());
    schema.addField(varChar(FILE_NAME, MAX_FILE_NAME_BYTES, false));
    schema.addField(varChar(MIME_TYPE, MAX_MIME_TYPE_BYTES, false));
    schema.addField(scalar(WIDTH, DataType.Int32));
    schema.addField(scalar(HEIGHT, DataType.Int32));
    schema.addField(scalar(CREATED_AT, DataType.Int64));
    schema.addField(scalar(CREATED_AT_NANOS, DataType.Int32));
    schema.addField(
        AddFieldReq.builder()
            .fieldName(TAGS)
            .dataType(DataType.Array)
            .elementType(DataType.VarChar)
            .maxCapacity(MAX_TAGS)
            .maxLength(MAX_TAG_BYTES)
            .build());
    schema.addField(scalar(PHASH, DataType.Int64));
    // Nullable: "no camera" is absent, distinct from any string.
    schema.addField(varChar(CAMERA, MAX_CAMERA_BYTES, true));
    return schema;
  }

  private static void addKeywords(CollectionSchema schema) {
    // The words are split by the application already; the standard analyzer (split on what is not
    // a letter or digit, lowercase) leaves them as they are, at insert and at query time alike.
    schema.addField(
        AddFieldReq.builder()
            .fieldName(KEYWORDS)
            .dataType(DataType.VarChar)
            .maxLength(MAX_KEYWORDS_BYTES)
            .enableAnalyzer(true)
            .analyzerParams(Map.of("type", "standard"))
            .build());
    schema.addField(
        AddFieldReq.builder()
            .fieldName(KEYWORDS_BM25)
            .dataType(DataType.SparseFloatVector)
            .build());
    schema.addFunction(
        Function.builder()
            .name("keywords_bm25_function")
            .functionType(FunctionType.BM25)
            .inputFieldNames(List.of(KEYWORDS))
            .outputFieldNames(List.of(KEYWORDS_BM25))
            .build());
  }

  /** HNSW over cosine; M and efConstruction favour recall over build speed at CLIP sizes. */
  static IndexParam vectorIndex() {
    return IndexParam.builder()
        .fieldName(VECTOR)
        .indexType(IndexParam.IndexType.HNSW)
        .metricType(IndexParam.MetricType.COSINE)
        .extraParams(Map.of("M", 16, "efConstruction", 200))
        .build();
  }

  /** BM25 over the words' sparse vectors, for keyword search. */
  static IndexParam keywordIndex() {
    return IndexParam.builder()
        .fieldName(KEYWORDS_BM25)
        .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX)
        .metricType(IndexParam.MetricType.BM25)
        .build();
  }

  private static AddFieldReq varChar(String name, int maxBytes, boolean nullable) {
    return AddFieldReq.builder()
        .fieldName(name)
        .dataType(DataType.VarChar)
        .maxLength(maxBytes)
        .isNullable(nullable)
        .build();
  }

  private static AddFieldReq scalar(String name, DataType type) {
    return AddFieldReq.builder().fieldName(name).dataType(type).build();
  }
}
