package dev.ferry.control.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.json.Json;
import dev.ferry.core.store.StoreLifecycle;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/health}: 200 {@code {"status":"ok"}} while the store can be written, else 503
 * {@code {"status":"unavailable","store":"unavailable","reason":"..."}}. The proof is one small write
 * ({@link StoreLifecycle#checkWritable}), made at most once per {@code probeInterval} (default 5 s, {@code 0} probes on every
 * request, for tests); requests in between get the last answer, and one probe runs at a time.
 */
public final class StoreHealth {

    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);

    private record Probe(Instant at, String failure) {
    }

    private final StoreLifecycle store;
    private final Duration probeInterval;
    private final Clock clock;
    private volatile Probe last;

    public StoreHealth(StoreLifecycle store, Duration probeInterval) {
        this(store, probeInterval, Clock.systemUTC());
    }

    StoreHealth(StoreLifecycle store, Duration probeInterval, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The Javalin handler. */
    public void answer(Context ctx) {
        Probe probe = current();
        ObjectNode n = Json.object();
        if (probe.failure() == null) {
            n.put("status", "ok");
            Json.ok(ctx, n);
        } else {
            n.put("status", "unavailable");
            n.put("store", "unavailable");
            n.put("reason", probe.failure());
            Json.answer(ctx, 503, n);
        }
    }

    private Probe current() {
        Probe p = last;
        if (p != null && clock.instant().isBefore(p.at().plus(probeInterval))) {
            return p;
        }
        synchronized (this) {
            p = last;
            if (p != null && clock.instant().isBefore(p.at().plus(probeInterval))) {
                return p;
            }
            p = probe();
            last = p;
            return p;
        }
    }

    private Probe probe() {
        try {
            store.checkWritable();
            return new Probe(clock.instant(), null);
        } catch (RuntimeException e) {
            log.error("the store cannot be written", e);
            return new Probe(clock.instant(), "the platform's store cannot be written (" + cause(e)
                    + "); see the server log");
        }
    }

    /** What went wrong, without paths or SQL: the answer is public. */
    private static String cause(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        if (text.contains("readonly") || text.contains("read-only") || text.contains("read only")) {
            return "its database is read-only";
        }
        if (text.contains("locked") || text.contains("busy")) {
            return "its database is locked by another process";
        }
        if (text.contains("full") || text.contains("no space")) {
            return "the disk is full";
        }
        if (text.contains("closed")) {
            return "it is closed";
        }
        return "a write failed";
    }
}
