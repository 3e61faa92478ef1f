package io.imagesearch.core.search;

/**
 * A nearest-neighbour query by cosine similarity.
 *
 * @param vector the query embedding, same dimension as the index
 * @param limit how many hits to return, at least 1
 * @param offset how many of the best hits to skip, for paging
 * @param filter scalar conditions every hit meets
 * @param minScore hits below this cosine similarity are dropped
 */
public record VectorQuery(
    float[] vector, int limit, int offset, SearchFilter filter, float minScore) {

  public VectorQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
  }

  public static VectorQuery topK(float[] vector, int k) {
    return new VectorQuery(vector, k, 0, SearchFilter.NONE, -1f);
  }
}
