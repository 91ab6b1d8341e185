package dev.ferry.store.postgres;

import dev.ferry.core.work.Leases;
import dev.ferry.store.sql.internal.Database;
import java.time.Duration;

/**
 * {@link Leases} in the {@code leases} table (migration V10): one row per lease naming its holder and when it
 * expires. Taking, renewing and giving up are each one statement, and expiry is read on the database's clock
 * ({@code clock_timestamp()}), so control nodes whose clocks differ still agree on who holds a lease. Thread-safe.
 */
public final class PostgresLeases implements Leases {

    private final Database db;

    PostgresLeases(Database db) {
        this.db = db;
    }

    @Override
    public boolean hold(String name, String holder, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time: " + ttl);
        }
        return db.write(tx -> tx.one("INSERT INTO leases (name, holder, expires_at)"
                + " VALUES (?, ?, clock_timestamp() + ? * INTERVAL '1 millisecond')"
                + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at"
                + " WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < clock_timestamp()"
                + " RETURNING holder", row -> row.getString(1), name, holder, ttl.toMillis()).isPresent());
    }

    @Override
    public void release(String name, String holder) {
        db.write(tx -> tx.update("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder));
    }
}
