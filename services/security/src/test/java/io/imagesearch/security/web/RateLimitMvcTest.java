package io.imagesearch.security.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.Scope;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Rates so low that a test reaches them and no token comes back during it: per key 2 searches and 3
 * uploaded files, per address 1 search, each refilled once an hour. Public reads are on, so
 * anonymous searches are served and limited by address.
 */
@SpringJUnitWebConfig(RateLimitMvcTest.LowLimitsApp.class)
class RateLimitMvcTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

  @Configuration(proxyBeanMethods = false)
  static class LowLimitsApp extends SecuredApp {
    @Bean
    @Override
    SecuritySettings securitySettings() {
      return SecuredApp.settings(true);
    }

    @Bean
    RateLimitSettings rateLimitSettings() {
      return new RateLimitSettings(
          true,
          new RateLimitSettings.Rate(1, HOUR, 2),
          new RateLimitSettings.Rate(1, HOUR, 1),
          new RateLimitSettings.Rate(1, HOUR, 3),
          100);
    }
  }

  @Autowired WebApplicationContext context;
  @Autowired ApiKeys keys;

  private MockMvc mvc;
  private String searcher;
  private String uploader;
  private String address;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    searcher = keys.create("searcher", Set.of(Scope.SEARCH), null).value();
    uploader = keys.create("uploader", Set.of(Scope.UPLOAD), null).value();
    address = "10.9.0." + NEXT_ADDRESS.incrementAndGet();
  }

  @Test
  void aKeyGetsItsBurstOfSearchesThenA429WithRetryAfter() throws Exception {
    search(searcher)
        .andExpect(status().isOk())
        .andExpect(header().string("RateLimit-Limit", "2"))
        .andExpect(header().string("RateLimit-Remaining", "1"));
    search(searcher)
        .andExpect(status().isOk())
        .andExpect(header().string("RateLimit-Remaining", "0"));

    search(searcher)
        .andExpect(status().isTooManyRequests())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://imagesearch.io/problems/rate-limited"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    containsString(
                        "too many searches with this API key: at most 1 every 1h, in bursts of up"
                            + " to 2")))
        .andExpect(header().string("Retry-After", "3600"))
        .andExpect(header().string("RateLimit-Reset", "3600"))
        .andExpect(header().string("RateLimit-Remaining", "0"))
        .andExpect(jsonPath("$.retry_after_seconds").value(3600));
  }

  @Test
  void everyKindOfSearchCountsAndOtherReadsDoNot() throws Exception {
    mvc.perform(as(get("/api/v1/images/abc/similar"), searcher)).andExpect(status().isOk());
    mvc.perform(as(multipart("/api/v1/search/by-image"), searcher)).andExpect(status().isOk());
    for (int i = 0; i < 5; i++) {
      mvc.perform(as(get("/api/v1/images/abc"), searcher)).andExpect(status().isOk());
      mvc.perform(as(get("/images/abc"), searcher)).andExpect(status().isOk());
    }

    mvc.perform(as(get("/api/v1/image/search?text=cat"), searcher))
        .andExpect(status().isTooManyRequests());
  }

  @Test
  void keysAreLimitedApartWhateverAddressTheyComeFrom() throws Exception {
    String other = keys.create("other", Set.of(Scope.SEARCH), null).value();
    search(searcher);
    search(searcher);

    search(other).andExpect(status().isOk());
    mvc.perform(as(get("/api/v1/search?text=cat"), searcher).with(from("10.99.0.1")))
        .andExpect(status().isTooManyRequests());
  }

  @Test
  void adminKeysAreNotLimited() throws Exception {
    String admin = keys.create("admin", Set.of(Scope.ADMIN), null).value();

    for (int i = 0; i < 5; i++) {
      search(admin)
          .andExpect(status().isOk())
          .andExpect(header().doesNotExist("RateLimit-Remaining"));
    }
  }

  @Test
  void anonymousSearchesAreLimitedPerAddress() throws Exception {
    mvc.perform(get("/api/v1/search?text=cat").with(from(address)))
        .andExpect(status().isOk())
        .andExpect(header().string("RateLimit-Limit", "1"));

    mvc.perform(get("/api/v1/search?text=cat").with(from(address)))
        .andExpect(status().isTooManyRequests())
        .andExpect(
            jsonPath("$.detail").value(containsString("from this address without an API key")));
    mvc.perform(get("/api/v1/search?text=cat").with(from(address + "0")))
        .andExpect(status().isOk());
  }

  @Test
  void uploadsCountTheirFiles() throws Exception {
    upload(2)
        .andExpect(status().isAccepted())
        .andExpect(header().string("RateLimit-Remaining", "1"));

    upload(2)
        .andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.detail").value(containsString("too many uploaded files")))
        .andExpect(header().string("Retry-After", "3600"));
    upload(1)
        .andExpect(status().isAccepted())
        .andExpect(header().string("RateLimit-Remaining", "0"));
  }

  @Test
  void anUploadWithAnEmptyBucketIsRefusedBeforeItsFilesAreCounted() throws Exception {
    upload(3).andExpect(status().isAccepted());

    upload(1)
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("RateLimit-Remaining", "0"));
  }

  @Test
  void anUploadOfMoreFilesThanTheBurstTakesAFullBucket() throws Exception {
    upload(100)
        .andExpect(status().isAccepted())
        .andExpect(header().string("RateLimit-Remaining", "0"));
  }

  private ResultActions search(String key) throws Exception {
    return mvc.perform(as(get("/api/v1/search?text=cat"), key).with(from(address)));
  }

  private ResultActions upload(int files) throws Exception {
    MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/images");
    for (int i = 0; i < files; i++) {
      request.file(new MockMultipartFile("files", "f" + i + ".png", "image/png", new byte[] {1}));
    }
    return mvc.perform(as(request, uploader));
  }

  private static <B extends AbstractMockHttpServletRequestBuilder<B>> B as(B request, String key) {
    return request.header("Authorization", "Bearer " + key);
  }

  private static org.springframework.test.web.servlet.request.RequestPostProcessor from(
      String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }
}
