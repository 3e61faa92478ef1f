package io.imagesearch.storage.minio;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the objects live: a MinIO (or S3-compatible) endpoint, its credentials and one bucket.
 * Checked on construction so a typo fails at start-up with the offending value named, not on the
 * first upload.
 *
 * @param endpoint {@code http://host:port} or {@code https://host[:port]}
 * @param accessKey the access key (user name)
 * @param secretKey the secret key; never printed
 * @param bucket an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens
 */
public record MinioConfig(String endpoint, String accessKey, String secretKey, String bucket) {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  public MinioConfig {
    checkEndpoint(endpoint);
    if (accessKey == null || accessKey.isBlank()) {
      throw new IllegalArgumentException("MinIO access key must not be blank");
    }
    if (secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException("MinIO secret key must not be blank");
    }
    checkBucket(bucket);
  }

  private static void checkEndpoint(String endpoint) {
    Objects.requireNonNull(endpoint, "MinIO endpoint");
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("MinIO endpoint is not a URI: '" + endpoint + "'", e);
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    boolean bare =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
    if (!http || uri.getHost() == null || !bare || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "MinIO endpoint must be http(s)://host[:port] with no path, got '" + endpoint + "'");
    }
  }

  /** The S3 bucket naming rules MinIO enforces, checked here so the error names the setting. */
  private static void checkBucket(String bucket) {
    if (bucket == null
        || !BUCKET.matcher(bucket).matches()
        || bucket.contains("..")
        || bucket.contains(".-")
        || bucket.contains("-.")
        || IP_ADDRESS.matcher(bucket).matches()
        || bucket.startsWith("xn--")
        || bucket.endsWith("-s3alias")) {
      throw new IllegalArgumentException(
          "invalid MinIO bucket name '"
              + bucket
              + "': use 3-63 lowercase letters, digits, '.' or '-', starting and ending with a"
              + " letter or digit, no '..', not an IP address");
    }
  }

  @Override
  public String toString() {
    return "MinioConfig[endpoint="
        + endpoint
        + ", accessKey="
        + accessKey
        + ", bucket="
        + bucket
        + "]";
  }
}
