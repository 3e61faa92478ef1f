package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerBinaryTest {

  @Test
  void missingBinaryFailsWithTheCommandThatInstallsIt() {
    ServerBinary missing = new ServerBinary("minio", Path.of("/nonexistent/minio"));

    assertThatThrownBy(missing::require)
        .isInstanceOf(MissingServerException.class)
        .hasMessageContaining("minio is not installed at /nonexistent/minio")
        .hasMessageContaining("tools/testenv.sh install");
  }

  @Test
  void presentBinaryResolvesToItsPath() {
    ServerBinary sh = ServerBinary.resolve("sh", "IMAGESEARCH_UNSET_VARIABLE", Path.of("/bin/sh"));

    assertThat(sh.require()).isEqualTo(Path.of("/bin/sh"));
  }
}
