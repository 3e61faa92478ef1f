package io.imagesearch.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat's part of answering errors, for both modes: the request limits of {@link HttpLimits} on
 * the connector, and {@link ProblemReportValve} in place of Tomcat's HTML error report. It runs
 * after Spring Boot's own Tomcat customizer, whose limits and report valve it replaces.
 */
final class TomcatErrorHandling
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

  /**
   * Tomcat logs the first malformed request line of each connection handler at INFO with a stack
   * trace. It is the client's error, so it is logged at DEBUG instead, unless the JVM was started
   * with this property set otherwise.
   */
  static final String PARSE_ERROR_LOGGING = "org.apache.juli.logging.UserDataHelper.CONFIG";

  private final HttpLimits limits;
  private final ContainerProblems problems;

  TomcatErrorHandling(HttpLimits limits, ContainerProblems problems) {
    this.limits = limits;
    this.problems = problems;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector -> {
          connector.setMaxPartCount(limits.maxParts());
          connector.setMaxPartHeaderSize(HttpLimits.PART_HEADER_BYTES);
          connector.setMaxParameterCount(limits.maxParameters());
        });
    factory.addContextCustomizers(context -> replaceErrorReport(context.getParent()));
    if (System.getProperty(PARSE_ERROR_LOGGING) == null) {
      System.setProperty(PARSE_ERROR_LOGGING, "DEBUG_ALL");
    }
  }

  private void replaceErrorReport(Container host) {
    Pipeline pipeline = host.getPipeline();
    for (Valve valve : pipeline.getValves()) {
      if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
        pipeline.removeValve(valve);
      }
    }
    pipeline.addValve(new ProblemReportValve(problems));
    // The host adds a report valve of this class when it starts, unless it finds one.
    if (host instanceof StandardHost standardHost) {
      standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
    }
  }
}
