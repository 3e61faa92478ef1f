package io.imagesearch.security.web;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.imagesearch.security.key.ApiKeyId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.InMemoryApiKeyStore;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.QuotaCharge;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.key.StoredApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** A store that cannot be reached is neither a yes nor the caller's fault: 503, retry. */
@SpringJUnitWebConfig(UnreachableStoreMvcTest.UnreachableStoreApp.class)
class UnreachableStoreMvcTest {

  @Configuration(proxyBeanMethods = false)
  static class UnreachableStoreApp extends SecuredApp {
    @Bean
    @Override
    ApiKeyStore apiKeyStore() {
      return new SwitchableStore();
    }
  }

  @Autowired WebApplicationContext context;
  @Autowired ApiKeyStore store;
  @Autowired ApiKeys keys;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @AfterEach
  void reachable() {
    switchable().down = false;
    switchable().listingDown = false;
  }

  @Test
  void aKeyThatCannotBeCheckedGets503() throws Exception {
    String key = keys.create("search", Set.of(Scope.SEARCH), null).value();
    switchable().down = true;

    unavailable(mvc.perform(get("/api/v1/search").header("X-Api-Key", key)));
  }

  @Test
  void keyManagementWithoutItsStoreGets503() throws Exception {
    String admin = keys.create("admin", Set.of(Scope.ADMIN), null).value();
    switchable().listingDown = true;

    unavailable(mvc.perform(get("/api/v1/keys").header("X-Api-Key", admin)));
  }

  private SwitchableStore switchable() {
    return (SwitchableStore) store;
  }

  private static void unavailable(ResultActions answer) throws Exception {
    answer
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(
            jsonPath("$.type").value("https://imagesearch.io/problems/dependency-unavailable"));
  }

  /** An in-memory store whose storage can be made to fail, wholly or for listings only. */
  private static final class SwitchableStore implements ApiKeyStore {
    private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();
    volatile boolean down;
    volatile boolean listingDown;

    @Override
    public boolean create(StoredApiKey key) {
      return up().create(key);
    }

    @Override
    public Optional<StoredApiKey> find(ApiKeyId id) {
      return up().find(id);
    }

    @Override
    public List<StoredApiKey> list() {
      if (listingDown) {
        throw new KeyStoreException("connection refused", null);
      }
      return up().list();
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
      return up().revoke(id, at);
    }

    @Override
    public void recordUse(ApiKeyId id, Instant at) {
      up().recordUse(id, at);
    }

    @Override
    public QuotaCharge charge(ApiKeyId id, String item, long bytes) {
      return up().charge(id, item, bytes);
    }

    @Override
    public void refund(ApiKeyId id, String item) {
      up().refund(id, item);
    }

    @Override
    public void refundEverywhere(String item) {
      up().refundEverywhere(item);
    }

    private InMemoryApiKeyStore up() {
      if (down) {
        throw new KeyStoreException("connection refused", null);
      }
      return keys;
    }
  }
}
