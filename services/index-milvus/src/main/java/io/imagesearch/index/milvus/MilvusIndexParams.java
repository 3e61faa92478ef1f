package io.imagesearch.index.milvus;

import io.milvus.v2.common.IndexParam;
import java.util.Map;
import java.util.Objects;

/**
 * The vector index Milvus builds for a new collection, and how its searches are tuned. Checked on
 * construction, so a bad setting fails at start-up naming itself ({@code
 * imagesearch.milvus.index.*}). The index of an existing collection is not changed: it keeps the
 * type it was created with, and only the search settings apply to it (a type the collection was not
 * built with is ignored by Milvus's search).
 *
 * @param type {@code HNSW} (in memory, best latency), {@code HNSW_SQ} (HNSW over 8-bit scalar
 *     quantized vectors: a quarter of the memory), {@code IVF_FLAT} / {@code IVF_SQ8} (clustered
 *     lists: cheaper to build, recall set by {@code nprobe}) or {@code DISKANN} (on disk, for
 *     collections larger than memory)
 * @param m HNSW neighbours per node
 * @param efConstruction HNSW candidates while building
 * @param efPerResult HNSW search beam per wanted result: {@code ef = max(minEf, efPerResult ×
 *     (offset + limit))}, so a deep page still explores enough of the graph
 * @param minEf the smallest HNSW search beam
 * @param nlist IVF lists
 * @param nprobe IVF lists searched per query
 */
public record MilvusIndexParams(
    IndexParam.IndexType type,
    int m,
    int efConstruction,
    int efPerResult,
    int minEf,
    int nlist,
    int nprobe) {

  /** The values the adapter always used: HNSW, M 16, efConstruction 200, ef at least 128. */
  public static final MilvusIndexParams DEFAULTS =
      new MilvusIndexParams(IndexParam.IndexType.HNSW, 16, 200, 2, 128, 1024, 32);

  public MilvusIndexParams {
    Objects.requireNonNull(type, "type");
    require(
        switch (type) {
          case HNSW, HNSW_SQ, IVF_FLAT, IVF_SQ8, DISKANN -> true;
          default -> false;
        },
        "type must be HNSW, HNSW_SQ, IVF_FLAT, IVF_SQ8 or DISKANN, got " + type);
    require(m >= 2 && m <= 2048, "m must be between 2 and 2048, got " + m);
    require(
        efConstruction >= 1 && efConstruction <= 100_000,
        "ef-construction must be between 1 and 100000, got " + efConstruction);
    require(efPerResult >= 1 && efPerResult <= 100, "ef-per-result must be between 1 and 100");
    require(minEf >= 1 && minEf <= 32_768, "min-ef must be between 1 and 32768, got " + minEf);
    require(nlist >= 1 && nlist <= 65_536, "nlist must be between 1 and 65536, got " + nlist);
    require(nprobe >= 1 && nprobe <= nlist, "nprobe must be between 1 and nlist, got " + nprobe);
  }

  /** The index to build on the vector field. */
  IndexParam vectorIndex(String field) {
    return IndexParam.builder()
        .fieldName(field)
        .indexType(type)
        .metricType(IndexParam.MetricType.COSINE)
        .extraParams(buildParams())
        .build();
  }

  private Map<String, Object> buildParams() {
    return switch (type) {
      case HNSW -> Map.of("M", m, "efConstruction", efConstruction);
      case HNSW_SQ -> Map.of("M", m, "efConstruction", efConstruction, "sq_type", "SQ8");
      case IVF_FLAT, IVF_SQ8 -> Map.of("nlist", nlist);
      default -> Map.of();
    };
  }

  /** The search parameters for {@code topK} results (offset + limit). */
  Map<String, Object> searchParams(long topK) {
    // Milvus requires ef >= topK: efPerResult >= 1 sees to it, and the cap at 32768 (Milvus's
    // HNSW limit) stays above MilvusVectorIndex.MAX_TOP_K.
    int ef = (int) Math.min(32_768, Math.max(minEf, topK * efPerResult));
    return switch (type) {
      case HNSW, HNSW_SQ -> Map.of("ef", ef);
      case IVF_FLAT, IVF_SQ8 -> Map.of("nprobe", nprobe);
      case DISKANN -> Map.of("search_list", ef);
      default -> Map.of();
    };
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("imagesearch.milvus.index." + message);
    }
  }
}
