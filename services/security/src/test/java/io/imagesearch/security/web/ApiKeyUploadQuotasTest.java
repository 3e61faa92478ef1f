package io.imagesearch.security.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagesearch.application.QuotaExceededException;
import io.imagesearch.application.UploadAllowance;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.security.key.ApiKeyStore;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.ApiPrincipal;
import io.imagesearch.security.key.AuthenticationOutcome;
import io.imagesearch.security.key.InMemoryApiKeyStore;
import io.imagesearch.security.key.IssuedKey;
import io.imagesearch.security.key.KeyQuota;
import io.imagesearch.security.key.KeyQuotas;
import io.imagesearch.security.key.KeyUsage;
import io.imagesearch.security.key.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The quota of the key that authenticated the request, as the upload and delete routes meet it. */
class ApiKeyUploadQuotasTest {

  private static final ImageId RED = ImageId.of("red".getBytes(StandardCharsets.UTF_8));
  private static final ImageId GREEN = ImageId.of("green".getBytes(StandardCharsets.UTF_8));

  private final ApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeys keys = new ApiKeys(store, Clock.systemUTC());
  private final ApiKeyUploadQuotas quotas = new ApiKeyUploadQuotas(new KeyQuotas(store));

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aKeyWithAQuotaCountsEachImageOnceAndRefusesTheOneThatDoesNotFit() {
    IssuedKey key = signInWith(new KeyQuota(1L, null));
    UploadAllowance allowance = quotas.ofCurrentCaller();

    assertThat(allowance.take(RED, 10)).isTrue();
    assertThat(allowance.take(RED, 10)).isFalse();
    assertThatThrownBy(() -> allowance.take(GREEN, 10))
        .isInstanceOfSatisfying(
            QuotaExceededException.class, e -> assertThat(e.quota()).isEqualTo("max_images"))
        .hasMessageContaining("the API key 'uploader' past its quota of 1 image (max_images)");
    assertThat(usage(key)).isEqualTo(new KeyUsage(1, 10));
  }

  @Test
  void roomGivenBackOrReleasedByADeleteFitsAgain() {
    IssuedKey key = signInWith(new KeyQuota(null, 100L));
    UploadAllowance allowance = quotas.ofCurrentCaller();
    allowance.take(RED, 60);
    allowance.giveBack(RED);
    allowance.take(GREEN, 60);

    quotas.released(GREEN);

    assertThat(usage(key)).isEqualTo(KeyUsage.NONE);
    assertThat(allowance.take(RED, 100)).isTrue();
  }

  @Test
  void callersWithoutAQuotaAreUnlimited() {
    signInWith(KeyQuota.NONE);
    assertThat(quotas.ofCurrentCaller()).isSameAs(UploadAllowance.UNLIMITED);

    SecurityContextHolder.getContext()
        .setAuthentication(
            new AnonymousAuthenticationToken(
                "key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    assertThat(quotas.ofCurrentCaller()).isSameAs(UploadAllowance.UNLIMITED);

    SecurityContextHolder.clearContext();
    assertThat(quotas.ofCurrentCaller()).isSameAs(UploadAllowance.UNLIMITED);
  }

  private IssuedKey signInWith(KeyQuota quota) {
    IssuedKey key = keys.create("uploader", Set.of(Scope.UPLOAD), null, quota);
    ApiPrincipal principal =
        ((AuthenticationOutcome.Accepted) keys.authenticate(key.value())).principal();
    SecurityContextHolder.getContext().setAuthentication(ApiKeyAuthentication.accepted(principal));
    return key;
  }

  private KeyUsage usage(IssuedKey key) {
    return store.find(key.summary().id()).orElseThrow().usage();
  }
}
