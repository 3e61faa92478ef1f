package io.imagesearch.clustere2e;

/**
 * The dependency images tools/images.sh builds from Debian packages and the test environment's
 * binaries, loaded by tools/cluster.sh up. Milvus runs as a stand-in (Milvus Lite serving the
 * Milvus gRPC API) because the Milvus image cannot be built here.
 */
final class BaseImages {
  static final String REDIS = "imagesearch.local/redis:7";
  static final String MINIO = "imagesearch.local/minio:dev";
  static final String MILVUS_STANDIN = "imagesearch.local/milvus-lite-standin:3.2.2";

  private BaseImages() {}
}
