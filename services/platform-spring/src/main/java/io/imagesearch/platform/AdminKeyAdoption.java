package io.imagesearch.platform;

import io.imagesearch.security.key.ApiKeySummary;
import io.imagesearch.security.key.ApiKeys;
import io.imagesearch.security.key.KeyStoreException;
import io.imagesearch.security.key.PresentedKey;
import io.imagesearch.security.web.SecuritySettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Stores the configured admin key in the shared key store at start-up, so the key the operator put
 * into the cluster's Secret opens every service. Adoption is idempotent (replicas starting together
 * store it once) and never revives a key that was revoked.
 *
 * <p>With keys on, a missing or malformed key stops the start: a platform nobody holds a key to is
 * useless, and a missing setting is a deployment mistake best seen at once. An unreachable key
 * store does not stop it: the service starts (not ready, as Redis is in its readiness) and retries
 * in the background, as it does for its other dependencies.
 */
public final class AdminKeyAdoption implements ApplicationRunner, DisposableBean {

  static final String KEY_NAME = "admin (" + AdminKeySetting.ENV + ")";

  private static final Logger LOG = LoggerFactory.getLogger(AdminKeyAdoption.class);

  private final ApiKeys keys;
  private final String adminKey;
  private final Duration retryInterval;
  private volatile Thread retrying;

  public AdminKeyAdoption(
      SecuritySettings security, AdminKeySetting setting, ApiKeys keys, Duration retryInterval) {
    this.keys = keys;
    this.retryInterval = retryInterval;
    this.adminKey = security.enabled() ? checked(setting) : null;
  }

  private static String checked(AdminKeySetting setting) {
    if (!setting.isSet()) {
      throw new IllegalStateException(
          AdminKeySetting.PROPERTY
              + " is not set: API keys are on, and each service adopts that key as the admin key"
              + " of the platform. Set "
              + AdminKeySetting.ENV
              + " to a key such as isk_$(openssl rand -hex 8)_$(openssl rand -hex 32) (on"
              + " Kubernetes the operator sets it from the Secret <name>-credentials), or turn"
              + " keys off with imagesearch.security.enabled=false behind something else that"
              + " authenticates");
    }
    String value = setting.adminKey().strip();
    if (PresentedKey.parse(value).isEmpty()) {
      throw new IllegalStateException(
          AdminKeySetting.PROPERTY
              + " is not an API key: it must be isk_<16 hex digits>_<64 hex digits>, lower case,"
              + " e.g. isk_$(openssl rand -hex 8)_$(openssl rand -hex 32)");
    }
    return value;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (adminKey == null) {
      return;
    }
    try {
      adopt();
    } catch (KeyStoreException e) {
      LOG.warn("Cannot store the admin key yet, retrying in the background: {}", e.getMessage());
      retrying = Thread.ofVirtual().name("admin-key-adoption").start(this::retryUntilAdopted);
    }
  }

  private void retryUntilAdopted() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(retryInterval);
        adopt();
        return;
      } catch (KeyStoreException e) {
        LOG.debug("Admin key not stored yet: {}", e.getMessage());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("Cannot adopt the admin key: {}", e.getMessage());
        return;
      }
    }
  }

  private void adopt() {
    PresentedKey key = PresentedKey.parse(adminKey).orElseThrow();
    if (keys.adoptAdminKey(adminKey, KEY_NAME)) {
      LOG.info("Adopted the admin API key {} from {}", key, AdminKeySetting.PROPERTY);
      return;
    }
    boolean revoked =
        keys.list().stream()
            .filter(summary -> summary.id().equals(key.id()))
            .map(ApiKeySummary::revokedAt)
            .anyMatch(at -> at != null);
    if (revoked) {
      LOG.warn(
          "The admin API key {} of {} was revoked and stays revoked: give {} a new key",
          key,
          AdminKeySetting.PROPERTY,
          AdminKeySetting.ENV);
    } else {
      LOG.info("The admin API key {} of {} is in the key store", key, AdminKeySetting.PROPERTY);
    }
  }

  @Override
  public void destroy() {
    Thread thread = retrying;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
