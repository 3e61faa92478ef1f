package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyQuotaTest {

  @Test
  void aRefusalNamesTheKeyTheLimitAndTheQuota() {
    KeyQuota quota = new KeyQuota(10L, 10L << 30);

    assertThat(quota.explain(QuotaCharge.OVER_MAX_IMAGES, "importer"))
        .isEqualTo(
            "this file would take the API key 'importer' past its quota of 10 images"
                + " (max_images): delete images uploaded with it, or ask an administrator for a"
                + " key with a larger quota");
    assertThat(quota.explain(QuotaCharge.OVER_MAX_BYTES, "importer"))
        .contains("past its quota of 10 GiB (10737418240 bytes) (max_bytes)");
  }

  @Test
  void byteCountsReadInBinaryUnits() {
    assertThat(KeyQuota.bytes(1000)).isEqualTo("1000 bytes");
    assertThat(KeyQuota.bytes(1536)).isEqualTo("1.5 KiB (1536 bytes)");
    assertThat(KeyQuota.bytes(5L << 20)).isEqualTo("5 MiB (5242880 bytes)");
  }

  @Test
  void limitsArePositiveOrAbsent() {
    assertThat(KeyQuota.NONE.limitsAnything()).isFalse();
    assertThat(new KeyQuota(null, 1L).limitsAnything()).isTrue();
    assertThatThrownBy(() -> new KeyQuota(0L, null))
        .isInstanceOf(InvalidKeyRequestException.class)
        .hasMessageContaining("max_images must be at least 1");
    assertThatThrownBy(() -> new KeyQuota(null, -5L))
        .isInstanceOf(InvalidKeyRequestException.class)
        .hasMessageContaining("max_bytes must be at least 1");
  }
}
