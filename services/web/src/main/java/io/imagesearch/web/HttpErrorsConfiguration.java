package io.imagesearch.web;

import jakarta.servlet.MultipartConfigElement;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

/**
 * How both modes answer errors, in one place: every error leaves as problem+json with the status
 * its cause deserves, whether Spring MVC, the error page or Tomcat itself answers it. The embedded
 * app finds this configuration by scanning its web package; each distributed service imports it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpLimits.class)
@Import({ProblemHandler.class, ProblemErrorController.class})
public class HttpErrorsConfiguration {

  @Bean
  ContainerProblems containerProblems(HttpLimits limits) {
    return new ContainerProblems(limits);
  }

  @Bean
  TomcatErrorHandling tomcatErrorHandling(HttpLimits limits, ContainerProblems problems) {
    return new TomcatErrorHandling(limits, problems);
  }

  /** The limits above, and the use cases' own, in the API documentation. */
  @Bean
  ApiLimitsDocumentation apiLimitsDocumentation(
      HttpLimits limits, ObjectProvider<MultipartConfigElement> multipart) {
    return new ApiLimitsDocumentation(limits, multipart.getIfAvailable());
  }

  /**
   * After Spring Boot's character encoding filter (a form body is decoded in the charset it sets)
   * and its observation filter (refusals are measured as requests), before every other filter.
   */
  @Bean
  FilterRegistrationBean<ParameterCheckFilter> parameterCheckFilter() {
    FilterRegistrationBean<ParameterCheckFilter> registration =
        new FilterRegistrationBean<>(new ParameterCheckFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** After authentication: what the actuator answers a caller who may reach it. */
  @Bean
  FilterRegistrationBean<ActuatorProblemFilter> actuatorProblemFilter(ContainerProblems problems) {
    FilterRegistrationBean<ActuatorProblemFilter> registration =
        new FilterRegistrationBean<>(new ActuatorProblemFilter(problems));
    registration.addUrlPatterns("/actuator/*");
    return registration;
  }

  /**
   * {@link ProblemHandler} for the exceptions of every handler: Spring applies a controller advice
   * only to controllers and static resources unless told otherwise, which left, for example, a
   * DELETE of the web UI's page to Spring's default 405.
   */
  @Bean
  WebMvcConfigurer problemHandlerForEveryHandler() {
    return new WebMvcConfigurer() {
      @Override
      public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        for (HandlerExceptionResolver resolver : resolvers) {
          if (resolver instanceof ExceptionHandlerExceptionResolver advice) {
            advice.setMappedHandlerPredicate(handler -> true);
          }
        }
      }
    };
  }
}
