package io.imagesearch.security.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Switched off, every route is open, and the security headers stay. */
@SpringJUnitWebConfig(DisabledSecurityMvcTest.OpenApp.class)
class DisabledSecurityMvcTest {

  @Configuration(proxyBeanMethods = false)
  static class OpenApp extends SecuredApp {
    @Bean
    @Override
    SecuritySettings securitySettings() {
      return new SecuritySettings(
          false, false, "X-Api-Key", List.of(), SecuritySettings.DEFAULT_CSP, null);
    }
  }

  @Autowired WebApplicationContext context;

  @Test
  void everyRouteIsOpenWithTheHeadersKept() throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();

    mvc.perform(post("/api/v1/images"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("X-Frame-Options", "DENY"))
        .andExpect(header().string("Content-Security-Policy", SecuritySettings.DEFAULT_CSP));
    mvc.perform(delete("/api/v1/images/abc")).andExpect(status().isNoContent());
  }
}
