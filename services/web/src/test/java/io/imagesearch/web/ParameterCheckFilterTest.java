package io.imagesearch.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ParameterCheckFilterTest {

  private final ParameterCheckFilter filter = new ParameterCheckFilter();
  private final MockHttpServletResponse response = new MockHttpServletResponse();
  private final MockFilterChain chain = new MockFilterChain();

  @Test
  void parametersTomcatRefusesAreSentToTheErrorPageWithTheirStatusAndCause() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/search");
    InvalidParameterRequest refusing = new InvalidParameterRequest(request);

    filter.doFilter(refusing, response, chain);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.isCommitted()).isTrue();
    assertThat(request.getAttribute(ParameterCheckFilter.REFUSED)).isSameAs(refusing.failure);
    assertThat(chain.getRequest()).as("the chain went on").isNull();
  }

  @Test
  void soundParametersGoOn() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/search");
    request.setParameter("text", "cat");

    filter.doFilter(request, response, chain);

    assertThat(chain.getRequest()).isSameAs(request);
    assertThat(response.getStatus()).isEqualTo(200);
  }

  /** Parsing a multipart body is left to Spring, after authentication. */
  @Test
  void aMultipartBodyIsNotParsedHere() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/images");
    request.setContentType("multipart/form-data; boundary=x");
    InvalidParameterRequest refusing = new InvalidParameterRequest(request);

    filter.doFilter(refusing, response, chain);

    assertThat(refusing.reads.get()).isZero();
    assertThat(chain.getRequest()).isSameAs(refusing);
  }

  /** A request whose parameters Tomcat cannot parse, as Tomcat reports it. */
  private static final class InvalidParameterRequest extends HttpServletRequestWrapper {
    final org.apache.tomcat.util.http.InvalidParameterException failure =
        TomcatFailures.parsing("text=%zz");
    final AtomicInteger reads = new AtomicInteger();

    InvalidParameterRequest(MockHttpServletRequest request) {
      super(request);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      reads.incrementAndGet();
      throw failure;
    }
  }
}
