package io.imagesearch.index.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CollectionNameTest {

  @Test
  void readableIdsKeepTheirName() {
    assertThat(CollectionName.of("tinyclip", 64)).isEqualTo("images_tinyclip_d64");
  }

  @Test
  void alteredIdsStayDistinctAndFollowMilvusRules() {
    String a = CollectionName.of("openai/clip-vit-b-32", 512);
    String b = CollectionName.of("openai_clip_vit_b_32", 512);
    String c = CollectionName.of("OpenAI/CLIP-ViT-B-32", 512);

    assertThat(a).isNotEqualTo(b).isNotEqualTo(c).startsWith("images_openai_clip_vit_b_32_");
    assertThat(b).isEqualTo("images_openai_clip_vit_b_32_d512");
    for (String name : new String[] {a, b, c, CollectionName.of("\" or 1==1 日本", 8)}) {
      assertThat(name).matches("[a-z_][a-z0-9_]{0,254}");
    }
  }

  @Test
  void dimensionSeparatesCollections() {
    assertThat(CollectionName.of("m", 8)).isNotEqualTo(CollectionName.of("m", 16));
  }

  @Test
  void longIdsAreShortened() {
    assertThat(CollectionName.of("x".repeat(1000), 8).length()).isLessThanOrEqualTo(255);
  }

  @Test
  void blankIdsAreRefused() {
    assertThatThrownBy(() -> CollectionName.of(" ", 8))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
