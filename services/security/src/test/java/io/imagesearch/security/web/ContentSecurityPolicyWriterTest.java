package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ContentSecurityPolicyWriterTest {

  @Test
  void theRequestsSourcesJoinConnectSrcAndNothingElse() {
    ContentSecurityPolicyWriter writer =
        new ContentSecurityPolicyWriter(
            SecuritySettings.DEFAULT_CSP,
            request -> List.of("http://" + request.getServerName() + ":8081"));
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setServerName("photos.lan");
    MockHttpServletResponse response = new MockHttpServletResponse();

    writer.writeHeaders(request, response);

    String policy = response.getHeader("Content-Security-Policy");
    assertThat(policy)
        .isEqualTo(
            SecuritySettings.DEFAULT_CSP.replace(
                "connect-src 'self';", "connect-src 'self' http://photos.lan:8081;"))
        .contains("default-src 'self';", "frame-ancestors 'none'");
  }

  @Test
  void withoutSourcesOrWithoutConnectSrcThePolicyIsWrittenAsConfigured() {
    assertThat(
            new ContentSecurityPolicyWriter(SecuritySettings.DEFAULT_CSP, r -> List.of())
                .policyFor(List.of()))
        .isEqualTo(SecuritySettings.DEFAULT_CSP);
    String noConnect = "default-src 'self'; img-src 'self' blob:";
    assertThat(new ContentSecurityPolicyWriter(noConnect, r -> List.of()).policyFor(List.of("x")))
        .isEqualTo(noConnect);
  }
}
