package io.imagesearch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed CRD copies must be exactly what the annotated classes generate. */
class CrdUpToDateTest {

  static final String CRD_FILE = "imagesearchclusters.imagesearch.io-v1.yml";
  private static final String REFRESH = "make crds";

  @ParameterizedTest
  @ValueSource(strings = {"crds", "helm/imagesearch-operator/crds"})
  void committedCrdMatchesTheGeneratedOne(String folder) throws IOException {
    Path committed = RepositoryRoot.find().resolve(folder).resolve(CRD_FILE);

    assertThat(committed).as("missing; refresh with: %s", REFRESH).exists();
    assertThat(Files.readString(committed))
        .as("%s is stale; refresh with: %s", committed, REFRESH)
        .isEqualTo(generated());
  }

  static String generated() throws IOException {
    try (InputStream in =
        CrdUpToDateTest.class.getResourceAsStream("/META-INF/fabric8/" + CRD_FILE)) {
      assertThat(in).as("the crd-generator-maven-plugin output is on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
