package io.imagesearch.security.store;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.KeyUsage;
import io.imagesearch.security.key.QuotaCharge;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.key.StoredApiKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The distributed {@link ApiKeyStore}, shared by every replica: one hash per key ({@code
 * <prefix>:api-key:<id>}) and a sorted set of ids scored by creation time ({@code
 * <prefix>:api-keys}) for listing. A key's quota counts its items in a hash of item to bytes
 * ({@code <prefix>:api-key:<id>:charges}), its totals in the key's hash, and which keys hold an
 * item in a set ({@code <prefix>:charged:<item>}) so a delete finds them. Changes that must not
 * race (create if absent, revoke once, touch only an existing key, count within the quota) run as
 * Lua scripts, which Redis executes atomically, each on the keys it declares. Thread-safe.
 */
public final class RedisApiKeyStore implements ApiKeyStore {

  private static final RedisScript<Long> CREATE =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV, 3))
          redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
          return 1
          """,
          Long.class);

  private static final RedisScript<Long> REVOKE =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
          redis.call('HSETNX', KEYS[1], 'revoked_at', ARGV[1])
          return 1
          """,
          Long.class);

  private static final RedisScript<Long> RECORD_USE =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
          redis.call('HSET', KEYS[1], 'last_used_at', ARGV[1])
          return 1
          """,
          Long.class);

  private static final RedisScript<Long> CHARGE =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
          if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
          local quota = redis.call('HMGET', KEYS[1], 'max_images', 'max_bytes',
                                   'used_images', 'used_bytes')
          local images = tonumber(quota[3] or '0')
          local bytes = tonumber(quota[4] or '0')
          if quota[1] and images + 1 > tonumber(quota[1]) then return 2 end
          if quota[2] and bytes + tonumber(ARGV[2]) > tonumber(quota[2]) then return 3 end
          redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
          redis.call('SADD', KEYS[3], ARGV[3])
          redis.call('HINCRBY', KEYS[1], 'used_images', 1)
          redis.call('HINCRBY', KEYS[1], 'used_bytes', ARGV[2])
          return 1
          """,
          Long.class);

  private static final RedisScript<Long> REFUND =
      RedisScript.of(
          """
          redis.call('SREM', KEYS[3], ARGV[2])
          local bytes = redis.call('HGET', KEYS[2], ARGV[1])
          if not bytes then return 0 end
          redis.call('HDEL', KEYS[2], ARGV[1])
          if redis.call('EXISTS', KEYS[1]) == 1 then
            redis.call('HINCRBY', KEYS[1], 'used_images', -1)
            redis.call('HINCRBY', KEYS[1], 'used_bytes', '-' .. bytes)
          end
          return 1
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final String prefix;

  /**
   * @param keyPrefix the prefix of this install's Redis keys (the task queue's, so one install's
   *     data shares one namespace)
   */
  public RedisApiKeyStore(StringRedisTemplate redis, String keyPrefix) {
    this.redis = Objects.requireNonNull(redis, "redis");
    if (keyPrefix == null || keyPrefix.isBlank()) {
      throw new IllegalArgumentException("the Redis key prefix must not be blank");
    }
    this.prefix = keyPrefix;
  }

  @Override
  public boolean create(StoredApiKey key) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(key.createdAt().toEpochMilli()));
    args.add(key.id().value());
    encode(key)
        .forEach(
            (field, value) -> {
              args.add(field);
              args.add(value);
            });
    Long created =
        call(
            "store key " + key.id(),
            () -> redis.execute(CREATE, List.of(hashKey(key.id()), indexKey()), args.toArray()));
    return created != null && created == 1;
  }

  @Override
  public Optional<StoredApiKey> find(ApiKeyId id) {
    Map<Object, Object> fields =
        call("read key " + id, () -> redis.opsForHash().entries(hashKey(id)));
    return fields == null || fields.isEmpty() ? Optional.empty() : Optional.of(decode(id, fields));
  }

  @Override
  public List<StoredApiKey> list() {
    Set<String> ids = call("list keys", () -> redis.opsForZSet().range(indexKey(), 0, -1));
    List<StoredApiKey> keys = new ArrayList<>();
    for (String id : ids == null ? Set.<String>of() : ids) {
      find(new ApiKeyId(id)).ifPresent(keys::add);
    }
    return keys;
  }

  @Override
  public boolean revoke(ApiKeyId id, Instant at) {
    Long revoked =
        call(
            "revoke key " + id,
            () -> redis.execute(REVOKE, List.of(hashKey(id)), Long.toString(at.toEpochMilli())));
    return revoked != null && revoked == 1;
  }

  @Override
  public void recordUse(ApiKeyId id, Instant at) {
    call(
        "record a use of key " + id,
        () -> redis.execute(RECORD_USE, List.of(hashKey(id)), Long.toString(at.toEpochMilli())));
  }

  @Override
  public QuotaCharge charge(ApiKeyId id, String item, long bytes) {
    Long outcome =
        call(
            "count an upload against key " + id,
            () ->
                redis.execute(
                    CHARGE,
                    List.of(hashKey(id), chargesKey(id), chargedKey(item)),
                    item,
                    Long.toString(bytes),
                    id.value()));
    return switch (outcome == null ? -1 : outcome.intValue()) {
      case 0 -> QuotaCharge.ALREADY_COUNTED;
      case 1 -> QuotaCharge.CHARGED;
      case 2 -> QuotaCharge.OVER_MAX_IMAGES;
      case 3 -> QuotaCharge.OVER_MAX_BYTES;
      default -> QuotaCharge.UNKNOWN_KEY;
    };
  }

  @Override
  public void refund(ApiKeyId id, String item) {
    call(
        "give back an upload counted against key " + id,
        () ->
            redis.execute(
                REFUND, List.of(hashKey(id), chargesKey(id), chargedKey(item)), item, id.value()));
  }

  @Override
  public void refundEverywhere(String item) {
    Set<String> holders =
        call("read who holds " + item, () -> redis.opsForSet().members(chargedKey(item)));
    for (String id : holders == null ? Set.<String>of() : holders) {
      refund(new ApiKeyId(id), item);
    }
  }

  private String hashKey(ApiKeyId id) {
    return prefix + ":api-key:" + id.value();
  }

  private String chargesKey(ApiKeyId id) {
    return hashKey(id) + ":charges";
  }

  private String chargedKey(String item) {
    return prefix + ":charged:" + item;
  }

  private String indexKey() {
    return prefix + ":api-keys";
  }

  private static Map<String, String> encode(StoredApiKey key) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", key.name());
    fields.put("scopes", Scope.encode(key.scopes()));
    fields.put("secret_hash", key.secretHash());
    fields.put("created_at", Long.toString(key.createdAt().toEpochMilli()));
    putInstant(fields, "expires_at", key.expiresAt());
    putInstant(fields, "revoked_at", key.revokedAt());
    putInstant(fields, "last_used_at", key.lastUsedAt());
    putLong(fields, "max_images", key.quota().maxImages());
    putLong(fields, "max_bytes", key.quota().maxBytes());
    fields.put("used_images", Long.toString(key.usage().images()));
    fields.put("used_bytes", Long.toString(key.usage().bytes()));
    return fields;
  }

  private static void putInstant(Map<String, String> fields, String field, Instant value) {
    putLong(fields, field, value == null ? null : value.toEpochMilli());
  }

  private static void putLong(Map<String, String> fields, String field, Long value) {
    if (value != null) {
      fields.put(field, Long.toString(value));
    }
  }

  private static StoredApiKey decode(ApiKeyId id, Map<Object, Object> fields) {
    return new StoredApiKey(
        id,
        (String) fields.get("name"),
        Scope.decode((String) fields.get("scopes")),
        (String) fields.get("secret_hash"),
        instant(fields, "created_at"),
        instant(fields, "expires_at"),
        instant(fields, "revoked_at"),
        instant(fields, "last_used_at"),
        new KeyQuota(number(fields, "max_images"), number(fields, "max_bytes")),
        new KeyUsage(count(fields, "used_images"), count(fields, "used_bytes")));
  }

  private static Instant instant(Map<Object, Object> fields, String field) {
    Long millis = number(fields, field);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** A counter; keys stored before quotas existed have none yet. */
  private static long count(Map<Object, Object> fields, String field) {
    Long value = number(fields, field);
    return value == null ? 0 : value;
  }

  private static Long number(Map<Object, Object> fields, String field) {
    Object value = fields.get(field);
    return value == null ? null : Long.parseLong((String) value);
  }

  private static <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (DataAccessException e) {
      throw new KeyStoreException("cannot " + what + " in Redis: " + e.getMessage(), e);
    }
  }
}
