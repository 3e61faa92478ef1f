package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagesearch.security.key.Scope;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Callers signed in with another credential than an API key (an access token, say) are limited by
 * the name it gives, and exempt when it grants the admin scope.
 */
class RequestRateLimitFilterTest {

  private final ManualTime time = new ManualTime();
  private final RequestRateLimitFilter filter =
      new RequestRateLimitFilter(
          new RateLimitSettings(
              true, new RateLimitSettings.Rate(1, Duration.ofMinutes(1), 1), null, null, 100),
          time);

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void anotherCredentialIsLimitedByItsName() throws Exception {
    signIn("alice", Scope.SEARCH);
    assertThat(search().getStatus()).isEqualTo(200);

    MockHttpServletResponse refused = search();

    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getContentAsString()).contains("too many searches with this credential");
    assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
    signIn("bob", Scope.SEARCH);
    assertThat(search().getStatus()).isEqualTo(200);
    time.advance(Duration.ofMinutes(1));
    signIn("alice", Scope.SEARCH);
    assertThat(search().getStatus()).isEqualTo(200);
  }

  @Test
  void anotherCredentialGrantingAdminIsNotLimited() throws Exception {
    signIn("root", Scope.ADMIN);

    for (int i = 0; i < 3; i++) {
      assertThat(search().getStatus()).isEqualTo(200);
    }
  }

  @Test
  void pagingTheLibraryIsNotASearch() throws Exception {
    signIn("alice", Scope.SEARCH);
    assertThat(search().getStatus()).isEqualTo(200);

    for (int i = 0; i < 3; i++) {
      assertThat(get("/api/v1/images/newest").getStatus()).isEqualTo(200);
    }
    assertThat(search().getStatus()).isEqualTo(429);
  }

  private static void signIn(String name, Scope scope) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            new TestingAuthenticationToken(name, null, ApiKeyAuthentication.authority(scope)));
  }

  private MockHttpServletResponse search() throws Exception {
    return get("/api/v1/search");
  }

  private MockHttpServletResponse get(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }
}
