package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServers.class)
class MinioSmokeIT {

  @Test
  void putStatAndGetAnObject(MinioServer server) throws Exception {
    MinioClient minio =
        MinioClient.builder()
            .endpoint(server.endpoint())
            .credentials(server.accessKey(), server.secretKey())
            .build();
    byte[] bytes = "not really a png".getBytes(StandardCharsets.UTF_8);

    minio.makeBucket(MakeBucketArgs.builder().bucket("smoke").build());
    minio.putObject(
        PutObjectArgs.builder()
            .bucket("smoke")
            .object("images/abc")
            .contentType("image/png")
            .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
            .build());

    assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket("smoke").build())).isTrue();
    StatObjectResponse stat =
        minio.statObject(StatObjectArgs.builder().bucket("smoke").object("images/abc").build());
    assertThat(stat.size()).isEqualTo(bytes.length);
    assertThat(stat.contentType()).isEqualTo("image/png");
    try (GetObjectResponse object =
        minio.getObject(GetObjectArgs.builder().bucket("smoke").object("images/abc").build())) {
      assertThat(object.readAllBytes()).isEqualTo(bytes);
    }
  }
}
