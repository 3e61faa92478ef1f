package io.imagesearch.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator generates admin keys the services must accept (ApiKeys.adoptAdminKey parses them
 * with PresentedKey). It cannot depend on the services, so it copies the format: this test reads
 * the services' pattern from their source and holds the copy to it.
 */
class AdminApiKeyFormatContractTest {

  private static final Path PRESENTED_KEY =
      Path.of("services/security/src/main/java/io/imagesearch/security/key/PresentedKey.java");

  @Test
  void theOperatorsKeyFormatIsTheServicesOne() throws IOException {
    String services = servicesPattern();

    assertThat(AdminApiKey.FORMAT.pattern()).isEqualTo(services);
    for (int i = 0; i < 20; i++) {
      assertThat(AdminApiKey.generate(new SecureRandom())).matches(services);
    }
  }

  private static String servicesPattern() throws IOException {
    String source = Files.readString(RepositoryRoot.find().resolve(PRESENTED_KEY));
    Matcher format =
        Pattern.compile("Pattern FORMAT\\s*=\\s*Pattern\\.compile\\(\"([^\"\\\\]+)\"\\)")
            .matcher(source);
    assertThat(format.find()).as("FORMAT = Pattern.compile(\"...\") in %s", PRESENTED_KEY).isTrue();
    return format.group(1);
  }
}
