package io.imagesearch.core.port;

import java.time.Duration;

/**
 * Who walks the library for a migration when several processes share it: at most one holder at a
 * time, for {@link #ttl()} after its last acquisition or renewal, so a killed holder's lease
 * expires and another process takes the walk up from the saved cursor.
 */
public interface MigrationLease {

  /** Takes the lease when nobody holds it (or this holder does, renewing it); true when held. */
  boolean tryAcquire();

  /** Extends the lease this holder has; false when it expired or another holder took it. */
  boolean renew();

  /** Gives the lease up if this holder still has it. */
  void release();

  /** This holder's name, as the lease records it. */
  String holder();

  /** How long the lease lasts without a renewal. */
  Duration ttl();

  /** The lease of a process that is alone with its library: always held. */
  static MigrationLease alone() {
    return new MigrationLease() {
      @Override
      public boolean tryAcquire() {
        return true;
      }

      @Override
      public boolean renew() {
        return true;
      }

      @Override
      public void release() {}

      @Override
      public String holder() {
        return "this process";
      }

      @Override
      public Duration ttl() {
        return Duration.ofDays(365);
      }
    };
  }
}
