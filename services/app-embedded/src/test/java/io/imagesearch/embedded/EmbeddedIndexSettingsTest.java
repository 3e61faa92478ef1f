package io.imagesearch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.storage.local.LuceneIndexOptions;
import io.imagesearch.storage.local.VectorEncoding;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code imagesearch.index.*} binds into the Lucene index's options, defaults included. */
class EmbeddedIndexSettingsTest {

  @Test
  void withoutIndexKeysTheDefaultsHold() {
    assertThat(bind(Map.of()).index().options()).isEqualTo(LuceneIndexOptions.DEFAULTS);
  }

  @Test
  void theKeysReachTheOptions() {
    LuceneIndexOptions options =
        bind(Map.of(
                "imagesearch.index.encoding", "binary",
                "imagesearch.index.exact-scan-below", "500",
                "imagesearch.index.merge-when-idle", "0s",
                "imagesearch.index.rescore-per-result", "8"))
            .index()
            .options();
    assertThat(options.rescorePerResult()).isEqualTo(8);
    assertThat(options.encoding()).isEqualTo(VectorEncoding.BINARY);
    assertThat(options.exactScanBelow()).isEqualTo(500);
    assertThat(options.mergeWhenIdle()).isZero();
  }

  @Test
  void anEncodingWithoutAWindowGetsItsOwn() {
    assertThat(LuceneIndexOptions.DEFAULTS.rescorePerResult()).isEqualTo(5);
    assertThat(
            bind(Map.of("imagesearch.index.encoding", "binary"))
                .index()
                .options()
                .rescorePerResult())
        .isEqualTo(20);
  }

  @Test
  void aBadValueFailsNamingItsKey() {
    EmbeddedProperties props = bind(Map.of("imagesearch.index.oversample", "0.5"));
    assertThatThrownBy(() -> props.index().options())
        .hasMessageContaining("imagesearch.index.oversample");
  }

  private static EmbeddedProperties bind(Map<String, String> keys) {
    Map<String, String> all = new HashMap<>(keys);
    all.put("imagesearch.data-dir", "/tmp/data");
    all.put("imagesearch.model.location", "models/tiny-clip");
    return new Binder(new MapConfigurationPropertySource(all))
        .bind("imagesearch", EmbeddedProperties.class)
        .get();
  }
}
