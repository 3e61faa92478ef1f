package io.imagesearch.security.web;

import io.imagesearch.application.DependencyUnavailableException;
import io.imagesearch.application.QuotaExceededException;
import io.imagesearch.application.UploadAllowance;
import io.imagesearch.application.UploadQuotas;
import io.imagesearch.core.image.ImageId;
import io.imagesearch.security.key.ApiPrincipal;
import io.imagesearch.security.key.KeyQuotas;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.QuotaCharge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The upload routes' quotas from the API key that authenticated the request: a key created with a
 * quota counts each image it uploads (by id, once) in the key store; any other caller is unlimited.
 */
final class ApiKeyUploadQuotas implements UploadQuotas {

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyUploadQuotas.class);
  private static final String KEY_STORE = "API key store";

  private final KeyQuotas quotas;

  ApiKeyUploadQuotas(KeyQuotas quotas) {
    this.quotas = quotas;
  }

  @Override
  public UploadAllowance ofCurrentCaller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.getPrincipal() instanceof ApiPrincipal key
        && key.quota().limitsAnything()) {
      return new KeyAllowance(key);
    }
    return UploadAllowance.UNLIMITED;
  }

  @Override
  public void released(ImageId image) {
    try {
      quotas.release(image.hex());
    } catch (KeyStoreException e) {
      LOG.warn(
          "Image {} was deleted, but its keys' quotas could not be given its room back: {}",
          image,
          e.getMessage());
    }
  }

  /** One key's allowance; its refusals name the quota and the key. */
  private final class KeyAllowance implements UploadAllowance {
    private final ApiPrincipal key;

    KeyAllowance(ApiPrincipal key) {
      this.key = key;
    }

    @Override
    public boolean take(ImageId image, long bytes) {
      QuotaCharge charge;
      try {
        charge = quotas.charge(key, image.hex(), bytes);
      } catch (KeyStoreException e) {
        throw new DependencyUnavailableException(KEY_STORE, e);
      }
      if (!charge.fits()) {
        throw new QuotaExceededException(
            charge.quotaName(), key.quota().explain(charge, key.name()));
      }
      return charge == QuotaCharge.CHARGED;
    }

    @Override
    public void giveBack(ImageId image) {
      try {
        quotas.refund(key.keyId(), image.hex());
      } catch (KeyStoreException e) {
        throw new DependencyUnavailableException(KEY_STORE, e);
      }
    }
  }
}
