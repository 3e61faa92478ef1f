package io.imagesearch.security.key;

/** A key just created: the only moment its full value exists outside its owner's hands. */
public record IssuedKey(ApiKeySummary summary, PresentedKey key) {

  /** The full key, {@code isk_<id>_<secret>}. */
  public String value() {
    return key.value();
  }

  @Override
  public String toString() {
    return "IssuedKey[" + summary + ", key=" + key + "]";
  }
}
