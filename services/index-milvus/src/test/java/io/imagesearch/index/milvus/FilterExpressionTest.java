package io.imagesearch.index.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.core.search.SearchFilter;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class FilterExpressionTest {

  private static final java.util.List<String> HOSTILE = HostileStrings.ALL;

  @ParameterizedTest
  @FieldSource("HOSTILE")
  void aQuotedValueIsExactlyOneStringLiteralHoldingIt(String hostile) {
    String quoted = FilterExpression.quote(hostile);

    assertThat(ExpressionLexer.lex(quoted))
        .containsExactly(new ExpressionLexer.Token(ExpressionLexer.Kind.STRING, hostile));
  }

  @ParameterizedTest
  @FieldSource("HOSTILE")
  void aHostileTagMatchesNothingInsteadOfReachingMilvus(String hostile) {
    SearchFilter filter =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of("cat", hostile));

    assertThat(FilterExpression.of(filter)).isInstanceOf(FilterExpression.MatchNothing.class);
  }

  @ParameterizedTest
  @FieldSource("HOSTILE")
  void aHostileMimeTypeMatchesNothingInsteadOfReachingMilvus(String hostile) {
    SearchFilter filter =
        new SearchFilter(
            Optional.empty(), Optional.empty(), Set.of("image/png", hostile), Set.of());

    assertThat(FilterExpression.of(filter)).isInstanceOf(FilterExpression.MatchNothing.class);
  }

  @Test
  void controlCharactersWithoutAPortableEscapeAreRefused() {
    assertThatThrownBy(() -> FilterExpression.quote("a\u0000b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000");
    assertThatThrownBy(() -> FilterExpression.quote("\u001b[31m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noConditionsMatchAll() {
    assertThat(FilterExpression.of(SearchFilter.NONE)).isEqualTo(new FilterExpression.MatchAll());
  }

  @Test
  void everyConditionHasTheIntendedStructure() {
    SearchFilter filter =
        new SearchFilter(
            Optional.of(Instant.ofEpochSecond(1_700_000_000L, 5)),
            Optional.of(Instant.ofEpochSecond(1_800_000_000L)),
            Set.of("image/png", "image/jpeg"),
            Set.of("日本", "café", "a:b.c-d_e"));

    String text = ((FilterExpression.Expression) FilterExpression.of(filter)).text();

    assertThat(ExpressionLexer.skeleton(text))
        .isEqualTo(
            "( created_at > 1700000000 or ( created_at == 1700000000 and created_at_nanos >= 5 ) )"
                + " and ( created_at < 1800000000 )"
                + " and ( mime_type in [ <string> , <string> ] )"
                + " and ( ARRAY_CONTAINS_ALL ( tags , [ <string> , <string> , <string> ] ) )");
    assertThat(ExpressionLexer.strings(text))
        .containsExactly("image/jpeg", "image/png", "a:b.c-d_e", "café", "日本");
  }

  @Test
  void createdBoundsAreExactToTheNanosecond() {
    Instant to = Instant.ofEpochSecond(-5, 999_999_999);

    assertThat(FilterExpression.createdBefore(to))
        .isEqualTo("created_at < -5 or (created_at == -5 and created_at_nanos < 999999999)");
    assertThat(FilterExpression.createdAtLeast(Instant.MIN))
        .isEqualTo("created_at >= " + Instant.MIN.getEpochSecond());
  }

  @Test
  void equalFiltersGiveEqualExpressions() {
    SearchFilter a =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of("x", "y", "z"));
    SearchFilter b =
        new SearchFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of("z", "y", "x"));

    assertThat(FilterExpression.of(a)).isEqualTo(FilterExpression.of(b));
  }
}
