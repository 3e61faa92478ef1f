package io.imagesearch.index.milvus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An independent lexer for Milvus boolean expressions, following the string-literal rules of
 * Milvus's grammar (Plan.g4) and Milvus Lite's tokenizer: double-quoted, backslash escapes, no raw
 * line break. Tests use it to see the structure a builder's output really has.
 */
final class ExpressionLexer {

  enum Kind {
    STRING,
    IDENT,
    NUMBER,
    OPERATOR,
    PUNCT
  }

  record Token(Kind kind, String text) {
    @Override
    public String toString() {
      return kind == Kind.STRING ? "<string>" : text;
    }
  }

  private static final Map<Character, Character> ESCAPES =
      Map.of('"', '"', '\'', '\'', '\\', '\\', 'n', '\n', 'r', '\r', 't', '\t');

  private ExpressionLexer() {}

  static List<Token> lex(String source) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == ' ') {
        i++;
      } else if (c == '"') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= source.length()) {
            throw new IllegalArgumentException("unterminated string at " + i);
          }
          char d = source.charAt(j);
          if (d == '"') {
            break;
          }
          if (d == '\n' || d == '\r') {
            throw new IllegalArgumentException("raw line break in string at " + j);
          }
          if (d == '\\') {
            Character mapped = j + 1 < source.length() ? ESCAPES.get(source.charAt(j + 1)) : null;
            if (mapped == null) {
              throw new IllegalArgumentException("bad escape at " + j);
            }
            value.append(mapped);
            j += 2;
          } else {
            value.append(d);
            j++;
          }
        }
        tokens.add(new Token(Kind.STRING, value.toString()));
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < source.length()
            && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '_')) {
          j++;
        }
        tokens.add(new Token(Kind.IDENT, source.substring(i, j)));
        i = j;
      } else if (Character.isDigit(c)
          || (c == '-' && i + 1 < source.length() && Character.isDigit(source.charAt(i + 1)))) {
        int j = i + 1;
        while (j < source.length() && Character.isDigit(source.charAt(j))) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, source.substring(i, j)));
        i = j;
      } else if ("<>=!".indexOf(c) >= 0) {
        int j = i + 1;
        if (j < source.length() && source.charAt(j) == '=') {
          j++;
        }
        tokens.add(new Token(Kind.OPERATOR, source.substring(i, j)));
        i = j;
      } else if ("()[],".indexOf(c) >= 0) {
        tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
      } else {
        throw new IllegalArgumentException("unexpected character '" + c + "' at " + i);
      }
    }
    return tokens;
  }

  /** The token sequence with every string literal shown as {@code <string>}. */
  static String skeleton(String source) {
    return String.join(" ", lex(source).stream().map(Token::toString).toList());
  }

  static List<String> strings(String source) {
    return lex(source).stream().filter(t -> t.kind() == Kind.STRING).map(Token::text).toList();
  }
}
