package io.imagesearch.security.web;

import static org.springframework.http.HttpMethod.GET;

import io.github.bucket4j.TimeMeter;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.Scope;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Builds the filter chain that guards every route with a scoped API key, or an OIDC access token
 * when an issuer is configured.
 */
public final class ApiKeySecurity {

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeySecurity.class);

  private ApiKeySecurity() {}

  /**
   * The chain for {@code http}: the wiring calls this from its {@code SecurityFilterChain} bean.
   */
  public static SecurityFilterChain filterChain(
      HttpSecurity http, SecuritySettings settings, ApiKeys keys) throws Exception {
    return filterChain(
        http,
        settings,
        keys,
        request -> false,
        AccessTokens.none(),
        RateLimitSettings.defaults(),
        TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * The chain for {@code http}, which also opens {@code /actuator/prometheus} to requests of {@code
   * managementPort}: a management port of its own is reachable only by the monitoring (the
   * operator's NetworkPolicy), and Prometheus scrapes without a key.
   */
  public static SecurityFilterChain filterChain(
      HttpSecurity http, SecuritySettings settings, ApiKeys keys, RequestMatcher managementPort)
      throws Exception {
    return filterChain(
        http, settings, keys, managementPort, AccessTokens.none(), RateLimitSettings.defaults());
  }

  /**
   * As above, also accepting the access tokens of an OIDC issuer when {@code tokens} are on, with
   * the request rate limits {@code rateLimits}.
   */
  static SecurityFilterChain filterChain(
      HttpSecurity http,
      SecuritySettings settings,
      ApiKeys keys,
      RequestMatcher managementPort,
      AccessTokens tokens,
      RateLimitSettings rateLimits)
      throws Exception {
    return filterChain(
        http, settings, keys, managementPort, tokens, rateLimits, TimeMeter.SYSTEM_NANOTIME);
  }

  static SecurityFilterChain filterChain(
      HttpSecurity http, SecuritySettings settings, ApiKeys keys, TimeMeter time) throws Exception {
    return filterChain(
        http,
        settings,
        keys,
        request -> false,
        AccessTokens.none(),
        RateLimitSettings.defaults(),
        time);
  }

  private static SecurityFilterChain filterChain(
      HttpSecurity http,
      SecuritySettings settings,
      ApiKeys keys,
      RequestMatcher managementPort,
      AccessTokens tokens,
      RateLimitSettings rateLimits,
      TimeMeter time)
      throws Exception {
    RouteScopes routes = new RouteScopes(settings.publicReads());
    ScopeProblems problems = new ScopeProblems(routes, settings.apiKeyHeader(), tokens.issuer());
    RequestAttributeSecurityContextRepository contexts =
        new RequestAttributeSecurityContextRepository();
    http
        // Keys travel in a header that a browser never adds by itself, and no session or cookie
        // ever authenticates a request, so a forged cross-site request carries no credential:
        // there is nothing for CSRF tokens to protect.
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .cors(c -> c.configurationSource(cors(settings)))
        .headers(
            h ->
                h.addHeaderWriter(
                        new ContentSecurityPolicyWriter(
                            settings.contentSecurityPolicy(), connectSources(http)))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    if (!settings.enabled()) {
      LOG.warn(
          "API key authentication is off (imagesearch.security.enabled=false): every route is open"
              + " to anyone who can reach this port");
      http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
      return http.build();
    }
    http.authorizeHttpRequests(
        a -> {
          a.requestMatchers(
                  new AndRequestMatcher(
                      managementPort,
                      PathPatternRequestMatcher.withDefaults()
                          .matcher(GET, "/actuator/prometheus")))
              .permitAll();
          for (RouteRule rule : routes.rules()) {
            if (rule.scope().isEmpty()) {
              a.requestMatchers(rule.matcher()).permitAll();
            } else {
              a.requestMatchers(rule.matcher())
                  .hasAuthority(ApiKeyAuthentication.authority(rule.scope().get()));
            }
          }
          a.anyRequest().hasAuthority(ApiKeyAuthentication.authority(Scope.ADMIN));
        });
    List<AuthenticationProvider> providers = new ArrayList<>();
    providers.add(new ApiKeyAuthenticationProvider(keys));
    tokens.provider().ifPresent(providers::add);
    http.addFilterBefore(
        new ApiKeyAuthenticationFilter(
            new ProviderManager(providers),
            new AuthenticationFailureLimiter(settings.failureLimit(), time),
            problems,
            contexts,
            settings.apiKeyHeader(),
            tokens.provider().isPresent()),
        AnonymousAuthenticationFilter.class);
    http.addFilterBefore(new PrivateCacheControlFilter(routes), AuthorizationFilter.class);
    if (rateLimits.enabled()) {
      // After authorisation: only requests that would be served count.
      http.addFilterAfter(new RequestRateLimitFilter(rateLimits, time), AuthorizationFilter.class);
    }
    return http.build();
  }

  /** The application's {@link ConnectSources}, or none. */
  private static ConnectSources connectSources(HttpSecurity http) {
    ApplicationContext context = http.getSharedObject(ApplicationContext.class);
    ConnectSources none = request -> List.of();
    return context == null
        ? none
        : context.getBeanProvider(ConnectSources.class).getIfAvailable(() -> none);
  }

  /** None unless origins are configured: the web UI is same-origin and needs no CORS. */
  static CorsConfigurationSource cors(SecuritySettings settings) {
    List<String> origins = settings.corsAllowedOrigins();
    if (origins.isEmpty()) {
      return request -> null;
    }
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(origins);
    config.setAllowedMethods(List.of("GET", "POST", "DELETE"));
    config.setAllowedHeaders(List.of("Authorization", settings.apiKeyHeader(), "Content-Type"));
    config.setExposedHeaders(
        List.of(
            "Retry-After",
            "Location",
            RateLimitResponses.LIMIT,
            RateLimitResponses.REMAINING,
            RateLimitResponses.RESET));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", config);
    source.registerCorsConfiguration("/images/**", config);
    source.registerCorsConfiguration("/thumbnails/**", config);
    return source;
  }
}
