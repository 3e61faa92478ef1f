package io.imagesearch.security.web;

import io.imagesearch.security.key.ApiKeyStore;
import java.time.Clock;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * API key security with key management over HTTP, for an app that imports it and provides an {@link
 * ApiKeyStore} and {@link SecuritySettings} bean (and a {@link Clock}, or the system clock is
 * used).
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiKeyAuthenticationConfiguration.class, ApiKeyManagementConfiguration.class})
public class ApiKeySecurityConfiguration {}
