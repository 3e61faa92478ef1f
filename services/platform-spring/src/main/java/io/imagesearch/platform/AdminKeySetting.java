package io.imagesearch.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API key every HTTP service adopts at start-up, bound from {@code
 * imagesearch.security.admin-key} ({@code IMAGESEARCH_SECURITY_ADMIN_KEY}, which the operator fills
 * from the cluster's Secret). Checked by {@link AdminKeyAdoption}, which knows whether keys are on.
 *
 * @param adminKey {@code isk_<16 hex id>_<64 hex secret>}, or null when not set
 */
@ConfigurationProperties("imagesearch.security")
public record AdminKeySetting(String adminKey) {

  public static final String PROPERTY = "imagesearch.security.admin-key";
  public static final String ENV = "IMAGESEARCH_SECURITY_ADMIN_KEY";

  public boolean isSet() {
    return adminKey != null && !adminKey.isBlank();
  }

  /** Never the key itself: this record may end up in a log or a start-up failure. */
  @Override
  public String toString() {
    return "AdminKeySetting[adminKey=" + (isSet() ? "<set>" : "<not set>") + "]";
  }
}
