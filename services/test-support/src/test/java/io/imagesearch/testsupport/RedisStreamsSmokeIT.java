package io.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

@ExtendWith(SharedServers.class)
class RedisStreamsSmokeIT {

  private LettuceConnectionFactory connections;
  private StringRedisTemplate redis;

  @BeforeEach
  void connect(RedisServer server) {
    connections =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(server.host(), server.port()));
    connections.afterPropertiesSet();
    connections.start();
    redis = new StringRedisTemplate(connections);
  }

  @AfterEach
  void disconnect() {
    connections.destroy();
  }

  @Test
  void consumerGroupReadsAndAcknowledgesWhatWasAdded() {
    String stream = "smoke:tasks";
    redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "workers");

    RecordId added =
        redis
            .opsForStream()
            .add(MapRecord.create(stream, Map.of("image_id", "abc", "attempt", "1")));

    @SuppressWarnings("unchecked")
    List<MapRecord<String, Object, Object>> read =
        redis
            .opsForStream()
            .read(
                Consumer.from("workers", "worker-1"),
                StreamReadOptions.empty().count(10),
                StreamOffset.create(stream, ReadOffset.lastConsumed()));

    assertThat(read).hasSize(1);
    assertThat(read.getFirst().getId()).isEqualTo(added);
    assertThat(read.getFirst().getValue()).containsEntry("image_id", "abc");
    assertThat(redis.opsForStream().pending(stream, "workers").getTotalPendingMessages())
        .isEqualTo(1);

    Long acked = redis.opsForStream().acknowledge(stream, "workers", added);

    assertThat(acked).isEqualTo(1);
    assertThat(redis.opsForStream().pending(stream, "workers").getTotalPendingMessages()).isZero();
  }
}
