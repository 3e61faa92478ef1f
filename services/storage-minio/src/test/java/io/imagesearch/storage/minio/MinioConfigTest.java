package io.imagesearch.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MinioConfigTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "images",
        "image-search.prod",
        "a1b",
        "abcdefghij0123456789abcdefghij0123456789abcdefghij0123456789xyz"
      })
  void acceptsValidBucketNames(String bucket) {
    assertThat(new MinioConfig("http://minio:9000", "u", "s", bucket).bucket()).isEqualTo(bucket);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "Images",
        "under_score",
        "-lead",
        "trail-",
        "two..dots",
        "dot.-dash",
        "192.168.0.1",
        "xn--punycode",
        "name-s3alias",
        "with space",
        ""
      })
  void rejectsInvalidBucketNamesNamingThem(String bucket) {
    assertThatThrownBy(() -> new MinioConfig("http://minio:9000", "u", "s", bucket))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket name '" + bucket + "'");
  }

  @Test
  void rejectsLongBucketNames() {
    assertThatThrownBy(() -> new MinioConfig("http://minio:9000", "u", "s", "x".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"minio:9000", "ftp://minio", "http://minio:9000/path", "http://", "::"})
  void rejectsEndpointsThatAreNotABareHttpUrl(String endpoint) {
    assertThatThrownBy(() -> new MinioConfig(endpoint, "u", "s", "images"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint");
  }

  @Test
  void rejectsBlankCredentials() {
    assertThatThrownBy(() -> new MinioConfig("http://minio:9000", " ", "s", "images"))
        .hasMessageContaining("access key");
    assertThatThrownBy(() -> new MinioConfig("http://minio:9000", "u", "", "images"))
        .hasMessageContaining("secret key");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(new MinioConfig("http://minio:9000", "user", "s3cr3t", "images").toString())
        .doesNotContain("s3cr3t")
        .contains("user", "images");
  }
}
