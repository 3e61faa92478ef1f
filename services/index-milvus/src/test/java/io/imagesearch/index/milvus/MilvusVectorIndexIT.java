package io.imagesearch.index.milvus;

import io.imagesearch.contract.VectorIndexContract;
import io.imagesearch.core.port.VectorIndex;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.SharedServers;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The port contract against Milvus Lite; each test gets a collection (model id) of its own. */
@ExtendWith(SharedServers.class)
class MilvusVectorIndexIT extends VectorIndexContract {

  private static final AtomicInteger MODELS = new AtomicInteger();
  private static MilvusServer server;
  private String modelId;

  @BeforeAll
  static void server(MilvusServer shared) {
    server = shared;
  }

  @Override
  protected VectorIndex newIndex(int dimension) {
    modelId = "contract-" + MODELS.incrementAndGet();
    return MilvusVectorIndex.open(MilvusConfig.of(server.uri()), modelId, dimension);
  }

  /** A new client on the same server and collection, as a restarted service would open. */
  @Override
  protected VectorIndex reopen(VectorIndex current) {
    int dimension = current.dimension();
    current.close();
    return MilvusVectorIndex.open(MilvusConfig.of(server.uri()), modelId, dimension);
  }
}
