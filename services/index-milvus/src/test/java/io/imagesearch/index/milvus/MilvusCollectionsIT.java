package io.imagesearch.index.milvus;

import static io.imagesearch.contract.TestImages.id;
import static io.imagesearch.contract.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.contract.TestImages;
import io.imagesearch.contract.Vectors;
import io.imagesearch.core.search.KeywordQuery;
import io.imagesearch.core.search.LibraryQuery;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.SharedServers;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.ReleaseCollectionReq;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One collection per model id and dimension: vector spaces never mix. */
@ExtendWith(SharedServers.class)
class MilvusCollectionsIT {

  @Test
  void modelsAndDimensionsGetCollectionsOfTheirOwn(MilvusServer server) {
    MilvusConfig config = MilvusConfig.of(server.uri());
    try (MilvusVectorIndex a = MilvusVectorIndex.open(config, "openai/clip-vit-b-32", 4);
        MilvusVectorIndex b = MilvusVectorIndex.open(config, "openai_clip_vit_b_32", 4);
        MilvusVectorIndex c = MilvusVectorIndex.open(config, "openai/clip-vit-b-32", 6)) {
      a.upsert(List.of(image(1, Vectors.axis(4, 0))));
      b.upsert(List.of(image(2, Vectors.axis(4, 0)), image(3, Vectors.axis(4, 1))));
      c.upsert(List.of(image(4, Vectors.axis(6, 5))));

      assertThat(List.of(a.collectionName(), b.collectionName(), c.collectionName()))
          .doesNotHaveDuplicates();
      assertThat(a.count()).isEqualTo(1);
      assertThat(b.count()).isEqualTo(2);
      assertThat(c.count()).isEqualTo(1);
      assertThat(a.search(VectorQuery.topK(Vectors.axis(4, 0), 10)))
          .extracting(SearchHit::id)
          .containsExactly(id(1));
      assertThat(c.get(id(1))).isEmpty();
    }
  }

  /**
   * A collection released behind the index (what a restart of Milvus Lite, or an operator's
   * release, leaves) is loaded again by the next read, which then answers.
   */
  @Test
  void aCollectionReleasedBehindTheIndexIsLoadedAgainByTheNextRead(MilvusServer server) {
    MilvusConfig config = MilvusConfig.of(server.uri());
    try (MilvusVectorIndex index = MilvusVectorIndex.open(config, "released", 4)) {
      index.upsert(List.of(image(1, Vectors.axis(4, 0)), image(2, Vectors.axis(4, 1))));

      release(server, index.collectionName());
      assertThat(index.search(VectorQuery.topK(Vectors.axis(4, 0), 1)))
          .extracting(SearchHit::id)
          .containsExactly(id(1));
      release(server, index.collectionName());
      assertThat(index.count()).isEqualTo(2);
      release(server, index.collectionName());
      assertThat(index.newest(new LibraryQuery(SearchFilter.NONE, 10, Optional.empty())))
          .hasSize(2);
      release(server, index.collectionName());
      assertThat(index.get(id(2))).isPresent();
    }
  }

  private static void release(MilvusServer server, String collection) {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    try {
      client.releaseCollection(ReleaseCollectionReq.builder().collectionName(collection).build());
      assertThat(client.getLoadState(GetLoadStateReq.builder().collectionName(collection).build()))
          .as("released")
          .isFalse();
    } finally {
      client.close();
    }
  }

  /**
   * A collection from before keyword search: searched, written and read as before, and keyword
   * searches find nothing in it instead of failing.
   */
  @Test
  void aCollectionWithoutTheKeywordFieldsIsStillServed(MilvusServer server) {
    MilvusConfig config = MilvusConfig.of(server.uri());
    String model = "before-keywords";
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    try {
      client.createCollection(
          CreateCollectionReq.builder()
              .collectionName(CollectionName.of(model, 4))
              .collectionSchema(ImageSchema.schemaWithoutKeywords(client, 4))
              .indexParams(List.of(MilvusIndexParams.DEFAULTS.vectorIndex(ImageSchema.VECTOR)))
              .consistencyLevel(ConsistencyLevel.STRONG)
              .build());
    } finally {
      client.close();
    }

    try (MilvusVectorIndex index = MilvusVectorIndex.open(config, model, 4)) {
      index.upsert(
          List.of(
              image(
                  1,
                  Vectors.axis(4, 0),
                  TestImages.metadata().fileName("birthday.jpg").tags("party").build())));

      assertThat(index.search(VectorQuery.topK(Vectors.axis(4, 0), 5)))
          .extracting(SearchHit::id)
          .containsExactly(id(1));
      assertThat(index.get(id(1)).orElseThrow().metadata().tags()).containsExactly("party");
      assertThat(index.searchWords(new KeywordQuery(List.of("birthday"), 5, SearchFilter.NONE)))
          .isEmpty();
    }
  }

  @Test
  void unreachableServerFailsNamingItAndWhatToCheck() {
    assertThatThrownBy(
            () -> MilvusVectorIndex.open(MilvusConfig.of("http://127.0.0.1:1"), "model", 4))
        .isInstanceOf(MilvusIndexException.class)
        .hasMessageContaining("http://127.0.0.1:1")
        .hasMessageContaining("check that the server is running");
  }
}
