package io.imagesearch.security.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.StoredApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** A key that cannot be checked is neither accepted nor blamed on its holder: 503, retry. */
@SpringJUnitWebConfig(UnreachableStoreMvcTest.UnreachableStoreApp.class)
class UnreachableStoreMvcTest {

  @Configuration(proxyBeanMethods = false)
  static class UnreachableStoreApp extends SecuredApp {
    @Bean
    @Override
    ApiKeyStore apiKeyStore() {
      return new UnreachableStore();
    }
  }

  @Autowired WebApplicationContext context;

  @Test
  void aKeyThatCannotBeCheckedGets503WithRetryAfter() throws Exception {
    MockMvcBuilders.webAppContextSetup(context)
        .apply(springSecurity())
        .build()
        .perform(
            get("/api/v1/search").header("X-Api-Key", "isk_0123456789abcdef_" + "0".repeat(64)))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(
            jsonPath("$.type").value("https://imagesearch.io/problems/dependency-unavailable"));
  }

  private static final class UnreachableStore implements ApiKeyStore {
    @Override
    public boolean create(StoredApiKey key) {
      throw down();
    }

    @Override
    public Optional<StoredApiKey> find(ApiKeyId id) {
      throw down();
    }

    @Override
    public List<StoredApiKey> list() {
      throw down();
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
      throw down();
    }

    @Override
    public void recordUse(ApiKeyId id, Instant at) {
      throw down();
    }

    private static KeyStoreException down() {
      return new KeyStoreException("connection refused", null);
    }
  }
}
