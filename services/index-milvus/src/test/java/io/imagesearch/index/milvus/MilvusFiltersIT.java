package io.imagesearch.index.milvus;

import static io.imagesearch.contract.TestImages.id;
import static io.imagesearch.contract.TestImages.image;
import static io.imagesearch.contract.TestImages.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.contract.Vectors;
import io.imagesearch.core.search.IndexedImage;
import io.imagesearch.core.search.SearchFilter;
import io.imagesearch.core.search.SearchHit;
import io.imagesearch.core.search.VectorQuery;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.SharedServers;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.QueryReq;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile filter values against a real Milvus parser: they never widen a search, and a quoted
 * literal compares equal to exactly the string it was built from.
 */
@ExtendWith(SharedServers.class)
class MilvusFiltersIT {

  private static final int DIMENSION = 4;
  private static final List<String> HOSTILE = HostileStrings.ALL;

  private static MilvusVectorIndex index;
  private static MilvusClientV2 raw;

  @BeforeAll
  static void fill(MilvusServer server) {
    index = MilvusVectorIndex.open(MilvusConfig.of(server.uri()), "hostile-filters", DIMENSION);
    raw = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    List<IndexedImage> images = new ArrayList<>();
    // One entry per hostile string, carried as its file name (a field filters never touch).
    for (int n = 0; n < HOSTILE.size(); n++) {
      images.add(
          image(
              n,
              Vectors.axis(DIMENSION, n % DIMENSION),
              metadata().fileName(HOSTILE.get(n)).tags("cat").build()));
    }
    index.upsert(images);
  }

  @AfterAll
  static void close() {
    index.close();
    raw.close();
  }

  @Test
  void everyEntryIsThereUnfiltered() {
    assertThat(search(SearchFilter.NONE)).hasSize(HOSTILE.size());
    assertThat(search(tags("cat"))).hasSize(HOSTILE.size());
  }

  @Test
  void aHostileTagYieldsNoHitsRatherThanAll() {
    for (String hostile : HOSTILE) {
      assertThat(search(tags(hostile))).as("tag %s", hostile).isEmpty();
      assertThat(search(tags("cat", hostile))).as("tags cat + %s", hostile).isEmpty();
    }
  }

  @Test
  void aHostileMimeTypeYieldsNoHitsRatherThanAll() {
    for (String hostile : HOSTILE) {
      SearchFilter filter =
          new SearchFilter(Optional.empty(), Optional.empty(), Set.of(hostile), Set.of());
      assertThat(search(filter)).as("mime type %s", hostile).isEmpty();
    }
  }

  /** The escaping itself, judged by Milvus: each literal selects its own entry and no other. */
  @Test
  void aQuotedHostileLiteralMatchesExactlyItsOwnEntry() {
    for (int n = 0; n < HOSTILE.size(); n++) {
      String expression = ImageSchema.FILE_NAME + " == " + FilterExpression.quote(HOSTILE.get(n));
      List<Object> ids =
          raw
              .query(
                  QueryReq.builder()
                      .collectionName(index.collectionName())
                      .filter(expression)
                      .outputFields(List.of(ImageSchema.ID))
                      .consistencyLevel(ConsistencyLevel.STRONG)
                      .build())
              .getQueryResults()
              .stream()
              .map(r -> r.getEntity().get(ImageSchema.ID))
              .toList();
      assertThat(ids).as("entries matched by %s", expression).containsExactly(id(n).hex());
    }
  }

  @Test
  void aHostileFileNameRoundTrips() {
    for (int n = 0; n < HOSTILE.size(); n++) {
      assertThat(index.get(id(n)).orElseThrow().metadata().fileName()).isEqualTo(HOSTILE.get(n));
    }
  }

  private static SearchFilter tags(String... tags) {
    return new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of(tags));
  }

  private static List<SearchHit> search(SearchFilter filter) {
    return index.search(new VectorQuery(Vectors.axis(DIMENSION, 0), 100, 0, filter, -1f));
  }
}
