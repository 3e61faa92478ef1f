package io.imagesearch.operator.model;

/**
 * One credential of a dependency and where each kind of Secret holds it.
 *
 * @param envVar the services' env var it is given in
 * @param generatedKey its key in the operator's generated credentials Secret, or null when the
 *     operator generates none (the in-cluster dependency runs without it)
 * @param externalKey its key in the Secret the user names for an external dependency
 */
public record CredentialKeys(String envVar, String generatedKey, String externalKey) {

  static CredentialKeys generatedOrExternal(
      String envVar, String generatedKey, String externalKey) {
    return new CredentialKeys(envVar, generatedKey, externalKey);
  }

  static CredentialKeys externalOnly(String envVar, String externalKey) {
    return new CredentialKeys(envVar, null, externalKey);
  }

  public boolean generated() {
    return generatedKey != null;
  }
}
