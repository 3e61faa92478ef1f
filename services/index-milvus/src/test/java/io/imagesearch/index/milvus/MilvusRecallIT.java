package io.imagesearch.index.milvus;

import static io.imagesearch.contract.TestImages.id;
import static io.imagesearch.contract.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.contract.Vectors;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.SharedServers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quality, not speed: the HNSW answers must agree with exact search on random data. */
@ExtendWith(SharedServers.class)
class MilvusRecallIT {

  private static final int DIMENSION = 64;
  private static final int ENTRIES = 2_000;
  private static final int QUERIES = 50;
  private static final int K = 10;

  @Test
  void recallAtTenIsAtLeastNinetyPercent(MilvusServer server) {
    Random random = new Random(2024);
    Map<ImageId, float[]> vectors = new LinkedHashMap<>();
    List<IndexedImage> images = new ArrayList<>();
    for (int n = 0; n < ENTRIES; n++) {
      float[] v = Vectors.random(random, DIMENSION);
      vectors.put(id(n), v);
      images.add(image(n, v));
    }
    try (MilvusVectorIndex index =
        MilvusVectorIndex.open(MilvusConfig.of(server.uri()), "recall", DIMENSION)) {
      index.upsert(images);

      int found = 0;
      for (int q = 0; q < QUERIES; q++) {
        float[] query = Vectors.random(random, DIMENSION);
        Set<ImageId> exact = new HashSet<>(Vectors.exactTopK(vectors, query, K));
        for (SearchHit hit : index.search(VectorQuery.topK(query, K))) {
          if (exact.contains(hit.id())) {
            found++;
          }
        }
      }

      assertThat((double) found / (QUERIES * K)).isGreaterThanOrEqualTo(0.9);
    }
  }
}
