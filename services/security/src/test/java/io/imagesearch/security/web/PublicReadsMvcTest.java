package io.imagesearch.security.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** With public reads on, anyone may search and fetch images; everything else still needs a key. */
@SpringJUnitWebConfig(PublicReadsMvcTest.PublicReadsApp.class)
class PublicReadsMvcTest {

  @Configuration(proxyBeanMethods = false)
  static class PublicReadsApp extends SecuredApp {
    @Bean
    @Override
    SecuritySettings securitySettings() {
      return SecuredApp.settings(true);
    }
  }

  @Autowired WebApplicationContext context;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /api/v1/image/search?text=cat, 200",
    "GET, /api/v1/search?text=cat, 200",
    "POST, /api/v1/search/by-image, 200",
    "GET, /api/v1/images/abc, 200",
    "GET, /api/v1/images/abc/duplicates, 200",
    "GET, /images/abc, 200",
    "GET, /thumbnails/abc, 200",
    "POST, /api/v1/images, 401",
    "POST, /api/v1/ingest, 401",
    "GET, /api/v1/tasks, 401",
    "DELETE, /api/v1/images/abc, 401",
    "GET, /api/v1/keys, 401",
    "POST, /api/v1/demo, 401",
    "GET, /actuator/metrics, 401"
  })
  void anonymousCallersGetReadsOnly(String method, String path, int expected) throws Exception {
    mvc.perform(request(HttpMethod.valueOf(method), path)).andExpect(status().is(expected));
  }

  @Test
  void publicImagesStayCacheableByEveryone() throws Exception {
    mvc.perform(request(HttpMethod.GET, "/images/abc"))
        .andExpect(status().isOk())
        .andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
  }
}
