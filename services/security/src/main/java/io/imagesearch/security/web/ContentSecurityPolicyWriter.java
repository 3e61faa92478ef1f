package io.imagesearch.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Writes the configured Content-Security-Policy, its {@code connect-src} extended by the {@link
 * ConnectSources} of the request (a policy without {@code connect-src} is written as it is).
 */
final class ContentSecurityPolicyWriter implements HeaderWriter {

  private static final String HEADER = "Content-Security-Policy";
  private static final String DIRECTIVE = "connect-src";

  private final String policy;
  private final ConnectSources sources;

  ContentSecurityPolicyWriter(String policy, ConnectSources sources) {
    this.policy = policy;
    this.sources = sources;
  }

  @Override
  public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
    if (!response.containsHeader(HEADER)) {
      response.setHeader(HEADER, policyFor(sources.forRequest(request)));
    }
  }

  String policyFor(List<String> extra) {
    if (extra.isEmpty()) {
      return policy;
    }
    StringBuilder out = new StringBuilder(policy.length() + 64);
    String[] directives = policy.split(";", -1);
    for (int i = 0; i < directives.length; i++) {
      String directive = directives[i];
      out.append(directive);
      String name = directive.strip().split("\\s+", 2)[0];
      if (name.equalsIgnoreCase(DIRECTIVE)) {
        extra.forEach(source -> out.append(' ').append(source));
      }
      if (i < directives.length - 1) {
        out.append(';');
      }
    }
    return out.toString();
  }
}
