package io.imagesearch.security.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void scopesAreEncodedInDeclarationOrderAndDecodedBack() {
    Set<Scope> scopes = EnumSet.of(Scope.ADMIN, Scope.SEARCH, Scope.DELETE);

    assertThat(Scope.encode(scopes)).isEqualTo("search,delete,admin");
    assertThat(Scope.decode("search,delete,admin")).isEqualTo(scopes);
  }

  @Test
  void anUnknownScopeNamesTheKnownOnes() {
    assertThatThrownBy(() -> Scope.fromWireName("write"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"write\"")
        .hasMessageContaining("search,upload,delete,admin");
  }

  @Test
  void adminImpliesEveryScopeAndOthersOnlyThemselves() {
    ApiPrincipal admin =
        new ApiPrincipal(new ApiKeyId("0000000000000001"), "a", Set.of(Scope.ADMIN));
    ApiPrincipal uploader =
        new ApiPrincipal(new ApiKeyId("0000000000000002"), "u", Set.of(Scope.UPLOAD));

    assertThat(EnumSet.allOf(Scope.class)).allMatch(admin::has);
    assertThat(EnumSet.allOf(Scope.class)).filteredOn(uploader::has).containsExactly(Scope.UPLOAD);
  }
}
