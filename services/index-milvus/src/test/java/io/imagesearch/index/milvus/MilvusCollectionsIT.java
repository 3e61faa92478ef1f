package io.imagesearch.index.milvus;

import static io.imagesearch.contract.TestImages.id;
import static io.imagesearch.contract.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.contract.Vectors;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.SharedServers;
import java.util.List;
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

  @Test
  void unreachableServerFailsNamingItAndWhatToCheck() {
    assertThatThrownBy(
            () -> MilvusVectorIndex.open(MilvusConfig.of("http://127.0.0.1:1"), "model", 4))
        .isInstanceOf(MilvusIndexException.class)
        .hasMessageContaining("http://127.0.0.1:1")
        .hasMessageContaining("check that the server is running");
  }
}
