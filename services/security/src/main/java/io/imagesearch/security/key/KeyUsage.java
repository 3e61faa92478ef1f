package io.imagesearch.security.key;

/** What a key's uploads hold now, counted against its {@link KeyQuota}. */
public record KeyUsage(long images, long bytes) {

  public static final KeyUsage NONE = new KeyUsage(0, 0);
}
