package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.PresentedKey;
import io.imagesearch.security.key.Scope;
import io.imagesearch.security.key.SecretHash;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The key management routes: what an administrator can do, and the 400s for bad input. */
@SpringJUnitWebConfig(SecuredApp.class)
class KeyManagementMvcTest {

  @Autowired WebApplicationContext context;
  @Autowired ApiKeys keys;
  @Autowired ApiKeyStore store;

  private MockMvc mvc;
  private String admin;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    admin = keys.create("admin", Set.of(Scope.ADMIN), null).value();
  }

  @Test
  void aCreatedKeyIsShownOnceAndWorksAtOnce() throws Exception {
    String body =
        create(
                "{\"name\": \"importer\", \"scopes\": [\"upload\", \"search\"],"
                    + " \"expires_at\": \"2099-01-01T00:00:00Z\"}")
            .andExpect(status().isCreated())
            .andExpect(header().string("Cache-Control", "no-store"))
            .andExpect(header().string("Location", matchesPattern("/api/v1/keys/[0-9a-f]{16}")))
            .andExpect(jsonPath("$.api_key").value(matchesPattern("isk_[0-9a-f]{16}_[0-9a-f]{64}")))
            .andExpect(jsonPath("$.key.name").value("importer"))
            .andExpect(jsonPath("$.key.scopes[0]").value("search"))
            .andExpect(jsonPath("$.key.scopes[1]").value("upload"))
            .andExpect(jsonPath("$.key.expires_at").value("2099-01-01T00:00:00Z"))
            .andExpect(jsonPath("$.key.revoked_at").value(nullValue()))
            .andExpect(jsonPath("$.note").value(containsString("cannot show it again")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String apiKey = JsonPath.read(body, "$.api_key");

    mvc.perform(as(get("/api/v1/images/abc"), apiKey)).andExpect(status().isOk());
    mvc.perform(as(delete("/api/v1/images/abc"), apiKey)).andExpect(status().isForbidden());
  }

  @Test
  void aKeyIsCreatedWithItsQuotaAndListedWithItsUsage() throws Exception {
    create(
            "{\"name\": \"quota importer\", \"scopes\": [\"upload\"], \"max_images\": 1000,"
                + " \"max_bytes\": 10737418240}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.key.max_images").value(1000))
        .andExpect(jsonPath("$.key.max_bytes").value(10737418240L))
        .andExpect(jsonPath("$.key.used_images").value(0))
        .andExpect(jsonPath("$.key.used_bytes").value(0));

    mvc.perform(as(get("/api/v1/keys"), admin))
        .andExpect(jsonPath("$[?(@.name == 'quota importer')].max_images").value(1000))
        .andExpect(jsonPath("$[?(@.name == 'admin')].max_images", everyItem(nullValue())));
  }

  @Test
  void theListingNeverShowsASecretOrHash() throws Exception {
    String apiKey =
        JsonPath.read(
            create("{\"name\": \"importer\", \"scopes\": [\"upload\"]}")
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.api_key");
    PresentedKey presented = PresentedKey.parse(apiKey).orElseThrow();

    String listing =
        mvc.perform(as(get("/api/v1/keys"), admin))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[?(@.name == 'importer')].scopes[0]").value("upload"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(listing)
        .contains(presented.id().value())
        .doesNotContain(presented.secret())
        .doesNotContain(SecretHash.of(presented))
        .doesNotContain("secret");
  }

  @Test
  void aRevokedKeyStopsWorkingAndIsListedAsRevoked() throws Exception {
    var issued = keys.create("importer", Set.of(Scope.UPLOAD), null);
    String id = issued.summary().id().value();

    mvc.perform(as(delete("/api/v1/keys/" + id), admin))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(id))
        .andExpect(jsonPath("$.revoked_at").isNotEmpty());

    mvc.perform(as(post("/api/v1/images"), issued.value()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.reason").value("revoked"));
    assertThat(store.find(issued.summary().id()).orElseThrow().isRevoked()).isTrue();
  }

  @Test
  void badInputIsA400SayingWhatIsWrong() throws Exception {
    problem(create("{\"name\": \"x\", \"scopes\": [\"write\"]}"), 400, "unknown scope \"write\"");
    problem(create("{\"scopes\": [\"upload\"]}"), 400, "give the key a name");
    problem(create("{\"name\": \"x\", \"scopes\": []}"), 400, "at least one scope");
    problem(
        create("{\"name\": \"x\", \"scopes\": [\"upload\"], \"expires_at\": \"tomorrow\"}"),
        400,
        "not an ISO-8601 instant");
    problem(
        create(
            "{\"name\": \"x\", \"scopes\": [\"upload\"], \"expires_at\": \"2001-01-01T00:00:00Z\"}"),
        400,
        "not in the future");
    problem(create("{not json"), 400, "the body is not the JSON this route takes");
    problem(
        create("{\"name\": \"x\", \"scopes\": [\"upload\"], \"max_images\": 0}"),
        400,
        "max_images must be at least 1");
    problem(
        create("{\"name\": \"x\", \"scopes\": [\"upload\"], \"max_bytes\": \"10GiB\"}"),
        400,
        "the quotas whole numbers");
    problem(mvc.perform(as(delete("/api/v1/keys/NOT-AN-ID"), admin)), 400, "is not a key id");
    problem(
        mvc.perform(as(delete("/api/v1/keys/0000000000000000"), admin)),
        404,
        "no API key has id 0000000000000000");
  }

  @Test
  void onlyAdminKeysManageKeys() throws Exception {
    String uploader = keys.create("uploader", Set.of(Scope.UPLOAD), null).value();

    mvc.perform(as(get("/api/v1/keys"), uploader)).andExpect(status().isForbidden());
    mvc.perform(
            as(post("/api/v1/keys"), uploader)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"mine\", \"scopes\": [\"admin\"]}"))
        .andExpect(status().isForbidden());
    assertThat(keys.list()).extracting(k -> k.name()).doesNotContain("mine");
  }

  private ResultActions create(String json) throws Exception {
    return mvc.perform(
        as(post("/api/v1/keys"), admin).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  private static MockHttpServletRequestBuilder as(
      MockHttpServletRequestBuilder request, String key) {
    return request.header("Authorization", "Bearer " + key);
  }

  private static void problem(ResultActions answer, int status, String detailPart)
      throws Exception {
    answer
        .andExpect(status().is(status))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.detail").value(containsString(detailPart)));
  }
}
