package io.imagesearch.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.contract.TestImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexesTest {

  @TempDir Path dir;

  @Test
  void deletingOneModelsIndexLeavesTheOthersAndAReopenStartsEmpty() {
    LuceneIndexes indexes = new LuceneIndexes(dir);
    try (LuceneVectorIndex a = indexes.open("model-a", 3);
        LuceneVectorIndex b = indexes.open("model-b", 2)) {
      a.upsert(List.of(TestImages.image(1, new float[] {1, 0, 0})));
      b.upsert(List.of(TestImages.image(1, new float[] {0, 1})));
    }

    assertThat(indexes.delete("model-a", 3)).isTrue();
    assertThat(indexes.delete("model-a", 3)).isFalse();

    try (LuceneVectorIndex a = indexes.open("model-a", 3);
        LuceneVectorIndex b = indexes.open("model-b", 2)) {
      assertThat(a.count()).isZero();
      assertThat(b.count()).isEqualTo(1);
    }
  }
}
