package io.imagesearch.storage.minio;

import io.imagesearch.contract.ObjectStoreContract;
import io.imagesearch.core.port.ObjectStore;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.SharedServers;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The port contract against a real MinIO; each test gets a bucket of its own. */
@ExtendWith(SharedServers.class)
class MinioObjectStoreIT extends ObjectStoreContract {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static MinioServer server;

  @BeforeAll
  static void server(MinioServer shared) {
    server = shared;
  }

  @Override
  protected ObjectStore newStore() {
    return MinioObjectStore.open(
        new MinioConfig(
            server.endpoint(),
            server.accessKey(),
            server.secretKey(),
            "contract-" + BUCKETS.incrementAndGet()));
  }
}
