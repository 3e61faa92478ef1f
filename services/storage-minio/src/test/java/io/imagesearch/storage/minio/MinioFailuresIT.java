package io.imagesearch.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.port.ObjectStore.StoredObject;
import io.imagesearch.testsupport.MinioServer;
import io.imagesearch.testsupport.SharedServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Misconfiguration and outages must fail loudly, never lose or fake a write. */
@ExtendWith(SharedServers.class)
class MinioFailuresIT {

  private static final String KEY = "images/" + "ab".repeat(32);

  /** A server of this class's own: the outage test stops it. */
  private static MinioServer own;

  @BeforeAll
  static void startOwnServer() {
    own = MinioServer.start();
  }

  @AfterAll
  static void stopOwnServer() {
    own.close();
  }

  @Test
  void wrongCredentialsFailAtStartUpNamingEndpointBucketAndKey(MinioServer shared) {
    MinioConfig wrong =
        new MinioConfig(shared.endpoint(), shared.accessKey(), "not-the-secret", "wrong-creds");

    assertThatThrownBy(() -> MinioObjectStore.open(wrong))
        .isInstanceOf(MinioStoreException.class)
        .hasMessageContaining(shared.endpoint())
        .hasMessageContaining("wrong-creds")
        .hasMessageContaining("check the access key '" + shared.accessKey() + "'")
        .hasMessageNotContaining("not-the-secret");
  }

  @Test
  void unreachableServerFailsAtStartUpSayingWhatToCheck() {
    MinioConfig nowhere =
        new MinioConfig("http://127.0.0.1:1", "user", "secret-key", "unreachable");

    assertThatThrownBy(() -> MinioObjectStore.open(nowhere))
        .isInstanceOf(MinioStoreException.class)
        .hasMessageContaining("http://127.0.0.1:1")
        .hasMessageContaining("unreachable")
        .hasMessageContaining("check that the server is running");
  }

  @Test
  void putDuringAnOutageThrowsAndEarlierObjectsSurviveARestart() throws IOException {
    MinioObjectStore store =
        MinioObjectStore.open(
            new MinioConfig(own.endpoint(), own.accessKey(), own.secretKey(), "outage"));
    store.put(KEY, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "image/png");

    own.stop();
    try {
      assertThatThrownBy(
              () -> store.put(KEY + "x", new ByteArrayInputStream(new byte[] {4}), 1, "image/png"))
          .isInstanceOf(MinioStoreException.class)
          .hasMessageContaining(own.endpoint())
          .hasMessageContaining("outage");
      assertThatThrownBy(() -> store.stat(KEY)).isInstanceOf(MinioStoreException.class);
    } finally {
      own.restart();
    }

    assertThat(store.stat(KEY)).contains(new StoredObject(KEY, "image/png", 3));
    assertThat(store.stat(KEY + "x")).isEmpty();
    try (InputStream in = store.open(KEY).orElseThrow()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }
}
