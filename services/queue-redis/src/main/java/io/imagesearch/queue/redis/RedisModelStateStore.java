package io.imagesearch.queue.redis;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.ModelStateProperties;
import io.imagesearch.core.port.ModelStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The distributed {@link ModelStateStore}: one Redis hash ({@code <prefix>:model-state}) whose
 * fields are {@link ModelStateProperties}' keys, so the operator reads what the services write. A
 * write compares the stored revision and replaces the hash in one Lua script, so of the workers and
 * API pods that read the same revision exactly one writes its change. Thread-safe.
 */
public final class RedisModelStateStore implements ModelStateStore {

  private final StringRedisTemplate redis;
  private final String key;

  public RedisModelStateStore(StringRedisTemplate redis, RedisQueueConfig config) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.key = config.keys().modelState();
  }

  @Override
  public Optional<ModelState> read() {
    Map<Object, Object> fields = redis.opsForHash().entries(key);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Properties props = new Properties();
    fields.forEach((field, value) -> props.setProperty((String) field, (String) value));
    try {
      return Optional.of(ModelStateProperties.parse(props));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the model state in Redis ("
              + key
              + ") is damaged ("
              + e.getMessage()
              + "); delete the key to start over with the configured model",
          e);
    }
  }

  @Override
  public boolean write(ModelState next) {
    Properties props = ModelStateProperties.of(next);
    List<String> args = new ArrayList<>(1 + 2 * props.size());
    args.add(Long.toString(next.revision()));
    for (String field : props.stringPropertyNames()) {
      args.add(field);
      args.add(props.getProperty(field));
    }
    Long written = redis.execute(LuaScripts.WRITE_MODEL_STATE, List.of(key), args.toArray());
    return written != null && written == 1L;
  }
}
