package io.imagesearch.index.milvus;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq.CollectionSchema;
import io.milvus.v2.service.collection.request.CreateCollectionReq.FieldSchema;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import java.util.List;

/**
 * Makes sure the collection exists with the expected vector dimension and is loaded, and tells
 * whether it has the keyword fields (a collection created before them has not).
 */
final class CollectionSetup {

  private CollectionSetup() {}

  /** True when the collection can answer keyword searches. */
  static boolean ensure(MilvusClientV2 client, String collection, int dimension) {
    if (!exists(client, collection)) {
      try {
        client.createCollection(
            CreateCollectionReq.builder()
                .collectionName(collection)
                .collectionSchema(ImageSchema.schema(client, dimension))
                .indexParams(List.of(ImageSchema.vectorIndex(), ImageSchema.keywordIndex()))
                // Read-after-write: a search right after an upsert must see it.
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build());
      } catch (RuntimeException e) {
        // Another instance may have created it since we looked; anything else is a real failure.
        if (!exists(client, collection)) {
          throw e;
        }
      }
    }
    CollectionSchema schema =
        client
            .describeCollection(DescribeCollectionReq.builder().collectionName(collection).build())
            .getCollectionSchema();
    checkDimension(schema, collection, dimension);
    // Loading is idempotent; a freshly created collection with an index is loaded already.
    client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
    return schema.getField(ImageSchema.KEYWORDS_BM25) != null;
  }

  private static boolean exists(MilvusClientV2 client, String collection) {
    return client.hasCollection(HasCollectionReq.builder().collectionName(collection).build());
  }

  /** A collection made for another dimension must never take this model's vectors. */
  private static void checkDimension(CollectionSchema schema, String collection, int dimension) {
    FieldSchema vector = schema.getField(ImageSchema.VECTOR);
    if (vector == null || vector.getDimension() == null || vector.getDimension() != dimension) {
      throw new IllegalArgumentException(
          "Milvus collection "
              + collection
              + " holds vectors of dimension "
              + (vector == null ? "none" : vector.getDimension())
              + ", not "
              + dimension);
    }
  }
}
