package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminApiKeyTest {

  private final SecureRandom random = new SecureRandom();

  @Test
  void generatedKeysHaveTheServicesFormatAndDiffer() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String key = AdminApiKey.generate(random);
      assertThat(key).matches("isk_[0-9a-f]{16}_[0-9a-f]{64}");
      assertThat(AdminApiKey.problem(key)).isEmpty();
      keys.add(key);
    }
    assertThat(keys).hasSize(100);
  }

  @Test
  void aKeyWithATrailingNewlineIsNamedAsSuchWithoutQuotingIt() {
    String key = AdminApiKey.generate(random);

    assertThat(AdminApiKey.problem(key + "\n"))
        .hasValueSatisfying(
            p -> assertThat(p).contains("trailing newline").doesNotContain(key.substring(4)));
  }

  @Test
  void anythingElseIsRefusedWithTheFormatAndHowToMakeOneButNeverTheValue() {
    for (String bad :
        new String[] {
          "hunter2",
          "isk_0123456789abcdef_short",
          "isk_0123456789ABCDEF_" + "a".repeat(64),
          "ISK_0123456789abcdef_" + "a".repeat(64),
          ""
        }) {
      assertThat(AdminApiKey.problem(bad))
          .as(bad)
          .hasValueSatisfying(
              p -> {
                assertThat(p).contains(AdminApiKey.HOW_TO_MAKE_ONE);
                if (!bad.isEmpty()) {
                  assertThat(p).doesNotContain(bad);
                }
              });
    }
  }
}
