package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServers.class)
class MilvusSmokeIT {

  private static final String COLLECTION = "smoke_images";

  @Test
  void filteredHnswCosineSearchReturnsTheMatchingIds(MilvusServer server) {
    MilvusClientV2 milvus = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    try {
      CreateCollectionReq.CollectionSchema schema = milvus.createSchema();
      schema.addField(
          AddFieldReq.builder()
              .fieldName("id")
              .dataType(DataType.VarChar)
              .maxLength(64)
              .isPrimaryKey(true)
              .autoID(false)
              .build());
      schema.addField(
          AddFieldReq.builder()
              .fieldName("vector")
              .dataType(DataType.FloatVector)
              .dimension(4)
              .build());
      schema.addField(
          AddFieldReq.builder().fieldName("mime").dataType(DataType.VarChar).maxLength(64).build());
      IndexParam hnsw =
          IndexParam.builder()
              .fieldName("vector")
              .indexType(IndexParam.IndexType.HNSW)
              .metricType(IndexParam.MetricType.COSINE)
              .extraParams(Map.of("M", 16, "efConstruction", 64))
              .build();
      milvus.createCollection(
          CreateCollectionReq.builder()
              .collectionName(COLLECTION)
              .collectionSchema(schema)
              .indexParams(List.of(hnsw))
              .build());

      milvus.insert(
          InsertReq.builder()
              .collectionName(COLLECTION)
              .data(
                  List.of(
                      row("red-png", new float[] {1, 0, 0, 0}, "image/png"),
                      row("red-jpeg", new float[] {0.9f, 0.1f, 0, 0}, "image/jpeg"),
                      row("blue-png", new float[] {0, 0, 1, 0}, "image/png"),
                      row("reddish-png", new float[] {0.7f, 0.3f, 0, 0}, "image/png")))
              .build());
      milvus.loadCollection(LoadCollectionReq.builder().collectionName(COLLECTION).build());

      SearchResp response =
          milvus.search(
              SearchReq.builder()
                  .collectionName(COLLECTION)
                  .annsField("vector")
                  .data(List.of(new FloatVec(new float[] {1, 0, 0, 0})))
                  .filter("mime == \"image/png\"")
                  .topK(2)
                  .build());

      List<Object> ids =
          response.getSearchResults().getFirst().stream()
              .map(SearchResp.SearchResult::getId)
              .toList();
      assertThat(ids).containsExactly("red-png", "reddish-png");
    } finally {
      milvus.close();
    }
  }

  private static JsonObject row(String id, float[] vector, String mime) {
    JsonObject row = new JsonObject();
    row.addProperty("id", id);
    com.google.gson.JsonArray values = new com.google.gson.JsonArray();
    for (float v : vector) {
      values.add(v);
    }
    row.add("vector", values);
    row.addProperty("mime", mime);
    return row;
  }
}
