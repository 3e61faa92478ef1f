package io.imagesearch.operator.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.core.model.ModelState;
import io.imagesearch.core.model.ModelStateProperties;
import io.imagesearch.operator.api.ImageSearchCluster;
import io.imagesearch.operator.scaling.RedisTarget;
import io.imagesearch.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model state read from a real Redis as the workers leave it there. */
class RedisModelStateSourceIT {
  private static final String KEY = "imagesearch:model-state";
  private static final ImageSearchCluster CLUSTER = ModelStates.cluster("models/tiny-clip");

  private RedisServer redis;
  private RedisClient client;

  @BeforeEach
  void start() {
    // Its own Redis: the password one test sets must not reach others.
    redis = RedisServer.start();
    client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
  }

  @AfterEach
  void stop() {
    client.shutdown();
    redis.close();
  }

  @Test
  void noHashIsNoStateYet() {
    assertThat(read(null)).isEqualTo(new ModelStateReading.Absent());
  }

  @Test
  void theHashIsParsedWithTheServicesKeys() {
    ModelState state = ModelStates.refused();
    Map<String, String> fields = new HashMap<>();
    ModelStateProperties.of(state).forEach((k, v) -> fields.put((String) k, (String) v));
    redis(c -> c.hset(KEY, fields));

    assertThat(read(null)).isEqualTo(new ModelStateReading.Found(state));
  }

  @Test
  void aMalformedHashIsUnreadableNamingTheKey() {
    redis(c -> c.hset(KEY, Map.of("active.model-id", "tiny-clip-v1")));

    assertThat(read(null))
        .isInstanceOfSatisfying(
            ModelStateReading.Unreadable.class,
            u ->
                assertThat(u.reason())
                    .contains("imagesearch:model-state")
                    .contains("is malformed")
                    .contains("\"revision\" is missing"));
  }

  @Test
  void aRefusedPasswordIsUnreadableSayingSo() {
    redis(c -> c.configSet("requirepass", "the-right-one"));

    assertThat(read("a-wrong-one"))
        .isInstanceOfSatisfying(
            ModelStateReading.Unreadable.class,
            u ->
                assertThat(u.reason())
                    .startsWith("Redis at " + redis.host() + ":" + redis.port() + " cannot be read")
                    .containsIgnoringCase("WRONGPASS"));
  }

  private ModelStateReading read(String password) {
    try (RedisModelStateSource source =
        new RedisModelStateSource(
            c -> Optional.of(new RedisTarget(redis.host(), redis.port(), password)),
            "imagesearch")) {
      return source.read(CLUSTER);
    }
  }

  private void redis(
      java.util.function.Consumer<io.lettuce.core.api.sync.RedisCommands<String, String>> command) {
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      command.accept(connection.sync());
    }
  }
}
