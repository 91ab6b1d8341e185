package dev.ferry.core.work;

import java.time.Duration;

/**
 * Named leases that one holder at a time has until they expire: how several control nodes agree that one of
 * them leads (the reconciler). A holder renews its lease well before it lapses; when the holder stops renewing,
 * another takes it once it expired. Implemented by the PostgreSQL store, on the database's clock.
 */
public interface Leases {

    /**
     * Takes lease {@code name} for {@code holder} when it is free or expired, or renews it when {@code holder}
     * has it; either way it then lasts {@code ttl}.
     *
     * @return whether {@code holder} has the lease now
     */
    boolean hold(String name, String holder, Duration ttl);

    /** Gives lease {@code name} up when {@code holder} has it, so another may take it at once. */
    void release(String name, String holder);
}
