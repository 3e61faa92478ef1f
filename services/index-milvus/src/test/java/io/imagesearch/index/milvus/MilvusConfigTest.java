package io.imagesearch.index.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MilvusConfigTest {

  @Test
  void acceptsAUriAloneOrWithTokenAndDatabase() {
    assertThat(MilvusConfig.of("http://milvus:19530").database()).isEmpty();
    MilvusConfig full =
        new MilvusConfig("https://milvus.example", Optional.of("root:pw"), Optional.of("images_1"));
    assertThat(full.token()).contains("root:pw");
    assertThat(full.database()).contains("images_1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"milvus:19530", "tcp://milvus:19530", "http://", "not a uri"})
  void rejectsUrisThatAreNotHttp(String uri) {
    assertThatThrownBy(() -> MilvusConfig.of(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Milvus uri");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1db", "my-db", "db name", ""})
  void rejectsInvalidDatabaseNames(String database) {
    assertThatThrownBy(
            () -> new MilvusConfig("http://milvus:19530", Optional.empty(), Optional.of(database)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database name '" + database + "'");
  }

  @Test
  void blankTokenMeansNoTokenAndATokenIsNeverPrinted() {
    assertThat(new MilvusConfig("http://m:1", Optional.of(" "), Optional.empty()).token())
        .isEmpty();
    assertThat(new MilvusConfig("http://m:1", Optional.of("root:pw"), Optional.empty()).toString())
        .doesNotContain("root:pw");
  }
}
