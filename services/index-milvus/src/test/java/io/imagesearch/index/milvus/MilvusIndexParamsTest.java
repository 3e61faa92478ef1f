package io.imagesearch.index.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.v2.common.IndexParam;
import io.milvus.v2.common.IndexParam.IndexType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusIndexParamsTest {

  @Test
  void theDefaultsAreTheIndexTheAdapterAlwaysBuilt() {
    IndexParam index = MilvusIndexParams.DEFAULTS.vectorIndex("vector");
    assertThat(index.getIndexType()).isEqualTo(IndexType.HNSW);
    assertThat(index.getMetricType()).isEqualTo(IndexParam.MetricType.COSINE);
    assertThat(index.getExtraParams()).isEqualTo(Map.of("M", 16, "efConstruction", 200));
  }

  @Test
  void theSearchBeamGrowsWithTheResultsWanted() {
    MilvusIndexParams hnsw = MilvusIndexParams.DEFAULTS;
    assertThat(hnsw.searchParams(10)).isEqualTo(Map.of("ef", 128));
    assertThat(hnsw.searchParams(500)).isEqualTo(Map.of("ef", 1000));
    assertThat(hnsw.searchParams(20_000)).isEqualTo(Map.of("ef", 32_768));
  }

  @Test
  void ivfAndQuantizedVariantsCarryTheirOwnParameters() {
    MilvusIndexParams ivf = new MilvusIndexParams(IndexType.IVF_SQ8, 16, 200, 2, 128, 4096, 64);
    assertThat(ivf.vectorIndex("vector").getExtraParams()).isEqualTo(Map.of("nlist", 4096));
    assertThat(ivf.searchParams(10)).isEqualTo(Map.of("nprobe", 64));
    MilvusIndexParams sq = new MilvusIndexParams(IndexType.HNSW_SQ, 32, 400, 2, 128, 1024, 32);
    assertThat(sq.vectorIndex("vector").getExtraParams())
        .isEqualTo(Map.of("M", 32, "efConstruction", 400, "sq_type", "SQ8"));
  }

  @Test
  void badValuesFailNamingTheSetting() {
    assertThatThrownBy(() -> new MilvusIndexParams(IndexType.SCANN, 16, 200, 2, 128, 1024, 32))
        .hasMessageContaining("imagesearch.milvus.index.type");
    assertThatThrownBy(() -> new MilvusIndexParams(IndexType.IVF_FLAT, 16, 200, 2, 128, 16, 32))
        .hasMessageContaining("imagesearch.milvus.index.nprobe");
    assertThatThrownBy(() -> new MilvusIndexParams(IndexType.HNSW, 1, 200, 2, 128, 1024, 32))
        .hasMessageContaining("imagesearch.milvus.index.m");
  }
}
