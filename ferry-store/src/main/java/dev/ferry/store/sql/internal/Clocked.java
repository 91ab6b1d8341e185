package dev.ferry.store.sql.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The store's clock, read to the millisecond, the precision the database keeps. */
public record Clocked(Clock clock) {

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
