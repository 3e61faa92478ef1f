package io.imagesearch.storage.minio;

import io.imagesearch.core.port.ObjectStore;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The distributed object store: one MinIO bucket, created at start-up if missing. S3 puts are
 * atomic per object, so racing writers leave one whole object, and a put returns only once MinIO
 * has the bytes on its drives. The content type is the object's {@code Content-Type}; the size is
 * its length.
 */
public final class MinioObjectStore implements ObjectStore {

  /** S3 answers at most this many keys per list request. */
  private static final int MAX_KEYS_PER_REQUEST = 1000;

  private final MinioClient client;
  private final MinioConfig config;
  private final MinioErrors errors;
  private volatile boolean bucketReady;

  private MinioObjectStore(MinioClient client, MinioConfig config) {
    this.client = client;
    this.config = config;
    this.errors = new MinioErrors(config);
  }

  /**
   * Connects and creates the bucket when it does not exist; fails with a message naming the
   * endpoint and bucket when the server is unreachable or refuses the credentials.
   */
  public static MinioObjectStore open(MinioConfig config) {
    MinioObjectStore store = openLazily(config);
    store.ensureBucket();
    return store;
  }

  /**
   * Like {@link #open} but does not contact the server yet: the bucket is ensured on the first
   * write. For services that must start while the object store is still down and report it through
   * their readiness instead.
   */
  public static MinioObjectStore openLazily(MinioConfig config) {
    MinioClient client =
        MinioClient.builder()
            .endpoint(config.endpoint())
            .credentials(config.accessKey(), config.secretKey())
            .build();
    return new MinioObjectStore(client, config);
  }

  /**
   * Checks the server answers and the bucket exists, creating it when missing; for readiness checks
   * of services that opened the store lazily.
   */
  public void ensureReady() {
    bucketReady = false;
    ensureBucket();
  }

  private void ensureBucket() {
    if (bucketReady) {
      return;
    }
    try {
      BucketExistsArgs exists = BucketExistsArgs.builder().bucket(config.bucket()).build();
      if (!client.bucketExists(exists)) {
        client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
      }
      bucketReady = true;
    } catch (Exception e) {
      if (e instanceof ErrorResponseException r
          && "BucketAlreadyOwnedByYou".equals(r.errorResponse().code())) {
        bucketReady = true;
        return; // another instance created it between our check and our create
      }
      throw errors.translate("open the bucket", null, e);
    }
  }

  @Override
  public void put(String key, InputStream content, long size, String contentType) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentType, "contentType");
    ensureBucket();
    try {
      client.putObject(
          PutObjectArgs.builder()
              .bucket(config.bucket())
              .object(checkKey(key))
              .contentType(contentType)
              .stream(content, size, -1)
              .build());
    } catch (Exception e) {
      throw errors.translate("store an object", key, e);
    }
  }

  @Override
  public Optional<StoredObject> stat(String key) {
    try {
      StatObjectResponse stat =
          client.statObject(
              StatObjectArgs.builder().bucket(config.bucket()).object(checkKey(key)).build());
      return Optional.of(new StoredObject(key, stat.contentType(), stat.size()));
    } catch (Exception e) {
      if (MinioErrors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw errors.translate("stat an object", key, e);
    }
  }

  @Override
  public Optional<InputStream> open(String key) {
    try {
      // The SDK's response streams straight from the socket; the caller closes it.
      return Optional.of(
          client.getObject(
              GetObjectArgs.builder().bucket(config.bucket()).object(checkKey(key)).build()));
    } catch (Exception e) {
      if (MinioErrors.isMissingObject(e)) {
        return Optional.empty();
      }
      throw errors.translate("read an object", key, e);
    }
  }

  /**
   * S3 deletes succeed whether or not the object existed, so existence is checked first. Two
   * concurrent deletes of one key may both answer true; nothing relies on that answer for safety.
   */
  @Override
  public boolean delete(String key) {
    if (stat(key).isEmpty()) {
      return false;
    }
    try {
      client.removeObject(
          RemoveObjectArgs.builder().bucket(config.bucket()).object(checkKey(key)).build());
      return true;
    } catch (Exception e) {
      throw errors.translate("delete an object", key, e);
    }
  }

  /**
   * S3's ListObjectsV2 already pages by {@code start-after}; the SDK's iterable fetches further
   * pages on its own, so this stops reading once the page is full.
   */
  @Override
  public List<String> list(String prefix, String startAfter, int limit) {
    ObjectStore.checkListArguments(prefix, startAfter, limit);
    ensureBucket();
    ListObjectsArgs.Builder args =
        ListObjectsArgs.builder()
            .bucket(config.bucket())
            .prefix(prefix)
            .recursive(true)
            .maxKeys(Math.min(limit, MAX_KEYS_PER_REQUEST));
    if (!startAfter.isEmpty()) {
      args.startAfter(startAfter);
    }
    List<String> keys = new ArrayList<>(Math.min(limit, MAX_KEYS_PER_REQUEST));
    try {
      for (Result<Item> result : client.listObjects(args.build())) {
        Item item = result.get();
        if (!item.isDir()) {
          keys.add(item.objectName());
        }
        if (keys.size() == limit) {
          break;
        }
      }
      return keys;
    } catch (Exception e) {
      throw errors.translate("list objects", prefix, e);
    }
  }

  /** The bucket this store writes to. */
  public String bucket() {
    return config.bucket();
  }

  private static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/")) {
      throw new IllegalArgumentException("invalid object key '" + key + "': empty or absolute");
    }
    return key;
  }
}
