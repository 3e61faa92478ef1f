package io.imagesearch.contract.bench;

/** Where a benchmark's vectors come from: library images and the queries run against them. */
public interface VectorSource {

  int dimension();

  /** The next library vector, unit length. */
  float[] image();

  /** The next query vector, unit length. */
  float[] query();
}
