package io.imagesearch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagesearch.testsupport.Http;
import io.imagesearch.testsupport.MilvusServer;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.RedisServer;
import io.imagesearch.testsupport.SharedServers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each service's packaged jar starts on its own class path (no test dependencies to hide a missing
 * one) and reports live and ready against a fresh bucket, as it would in a pod.
 */
@ExtendWith(SharedServers.class)
class PackagedServicesIT {

  @Test
  void everyServiceJarStartsAndBecomesReady(RedisServer redis, MinioServer minio) throws Exception {
    try (MilvusServer milvus = MilvusServer.start();
        Platform platform = new Platform(redis, minio, milvus)) {
      List<WorkerProcess> services = new ArrayList<>();
      for (String service : List.of("ingest-api", "worker", "search-api", "cdn")) {
        services.add(platform.startService(Platform.serviceJar(service), service));
      }
      for (WorkerProcess service : services) {
        for (String probe : List.of("liveness", "readiness")) {
          URI url = URI.create("http://127.0.0.1:" + service.port + "/actuator/health/" + probe);
          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptions()
              .until(
                  () -> {
                    assertThat(service.isAlive())
                        .as("%s exited:%n%s", service.name, service.log())
                        .isTrue();
                    return Http.get(url).statusCode() == 200;
                  });
        }
      }
    }
  }
}
