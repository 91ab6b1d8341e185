package dev.ferry.store.route;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.store.route.internal.JournalLine;
import dev.ferry.store.route.internal.RedisKeys;
import dev.ferry.store.route.internal.RedisScripts;
import dev.ferry.store.route.internal.RouteKey;
import dev.ferry.store.route.internal.RouteState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The mutations of {@link RedisRouteRegistry}, each an optimistic read-modify-write of one route: read its
 * record, compute the new one with the same rules as the journaled registry, and write it with
 * {@code write.lua}, which applies it only if the record is still the one read (else the whole step is
 * tried again). A write that changes the route records a change; one that only moves a TTL deadline does not.
 * A route that this registry's copy does not have is first written as new without reading it ({@code absent}
 * guesses): a new route costs one round trip, and a wrong guess is a conflict like any other, read and tried again.
 */
final class RedisRouteWriter {

    private static final int MAX_ATTEMPTS = 100;

    private final RedisConnections redis;
    private final RedisKeys keys;
    private final RedisRegistryConfig config;
    private final RedisScripts scripts = new RedisScripts();
    private final String epochCandidate = UUID.randomUUID().toString();
    private final Recorded changed;
    private final Predicate<RouteKey> absent;

    /** What a writer does with each change it recorded, once Redis acknowledged it. */
    @FunctionalInterface
    interface Recorded {
        /** Change {@code seq} of {@code epoch}, whose record (as published) is {@code change}. */
        void recorded(long seq, String epoch, String change);
    }

    /**
     * @param changed called with each change this writer recorded, after Redis acknowledged it
     * @param absent  whether a route is most likely not in Redis (this registry's copy does not have it)
     */
    RedisRouteWriter(RedisConnections redis, RedisKeys keys, RedisRegistryConfig config, Recorded changed,
                     Predicate<RouteKey> absent) {
        this.absent = absent;
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.changed = changed;
    }

    /** A route's record as read, {@code raw == null} when absent. */
    private record Stored(RouteKey key, String raw, JournalLine.Set record) {
        boolean exists() {
            return raw != null;
        }

        RouteState stateOr(RoutePolicy policy) {
            return exists() ? record.state() : RouteState.empty(key, policy);
        }

        Map<String, Long> ttls() {
            return exists() ? new HashMap<>(record.ttlMillis()) : new HashMap<>();
        }

        String expected() {
            return raw == null ? "" : "=" + raw;
        }
    }

    RouteState putPolicy(RouteKey key, RoutePolicy policy) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stored old = readOrGuess(key, attempt);
            RouteState updated = old.exists() ? old.record.state().withPolicy(policy) : RouteState.empty(key, policy);
            if (old.exists() && old.record.state().equals(updated)) {
                return updated;
            }
            String record = new JournalLine.Set(updated, old.ttls()).format();
            if (write(old, record, record, "", List.of()) != RedisScripts.Outcome.CONFLICT) {
                return updated;
            }
        }
        throw contended(key);
    }

    /** Adds or replaces an endpoint; {@code ttlMillis} 0 registers it permanently. */
    RouteState add(RouteKey key, Endpoint endpoint, long ttlMillis) {
        String member = RedisKeys.member(key, endpoint.id());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stored old = readOrGuess(key, attempt);
            RouteState updated = old.stateOr(RoutePolicy.DEFAULT).withEndpoint(endpoint);
            boolean routeChanged = !old.exists() || !old.record.state().equals(updated);
            Map<String, Long> ttls = old.ttls();
            long oldTtl = ttls.getOrDefault(endpoint.id(), 0L);
            if (!routeChanged && oldTtl == 0 && ttlMillis == 0) {
                return updated;
            }
            if (ttlMillis == 0) {
                ttls.remove(endpoint.id());
            } else {
                ttls.put(endpoint.id(), ttlMillis);
            }
            String record = new JournalLine.Set(updated, ttls).format();
            if (write(old, record, routeChanged ? record : "", "", List.of(member, Long.toString(ttlMillis)))
                    != RedisScripts.Outcome.CONFLICT) {
                return updated;
            }
        }
        throw contended(key);
    }

    /**
     * Removes one endpoint: empty for an unknown route, the unchanged route for an unknown endpoint. When
     * {@code expiring}, only if its deadline has passed (an owner may have refreshed it since the sweep).
     */
    Optional<RouteState> remove(RouteKey key, String endpointId, boolean expiring) {
        String member = RedisKeys.member(key, endpointId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stored old = read(key);
            if (!old.exists() || !old.record.state().hasEndpoint(endpointId)) {
                if (expiring) {
                    redis.call(r -> r.zrem(keys.deadlines(), member));
                }
                return old.exists() ? Optional.of(old.record.state()) : Optional.empty();
            }
            RouteState updated = old.record.state().withoutEndpoint(endpointId);
            Map<String, Long> ttls = old.ttls();
            ttls.remove(endpointId);
            String record = new JournalLine.Set(updated, ttls).format();
            switch (write(old, record, record, expiring ? member : "", List.of(member, "0"))) {
                case OK -> {
                    return Optional.of(updated);
                }
                case REFRESHED -> {
                    return Optional.of(old.record.state());
                }
                case CONFLICT -> {
                }
            }
        }
        throw contended(key);
    }

    boolean delete(RouteKey key) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stored old = read(key);
            if (!old.exists()) {
                return false;
            }
            List<String> deadlines = new ArrayList<>();
            for (String id : old.record.ttlMillis().keySet()) {
                deadlines.add(RedisKeys.member(key, id));
                deadlines.add("0");
            }
            if (write(old, "", new JournalLine.Delete(key).format(), "", deadlines) == RedisScripts.Outcome.OK) {
                return true;
            }
        }
        throw contended(key);
    }

    /** Removes every endpoint whose TTL ran out by Redis's clock; returns how many. */
    int sweep() {
        int removed = 0;
        List<String> due = redis.call(r -> scripts.sweep(r, keys, config.outageGap().toMillis(), 1000));
        for (String member : due) {
            try {
                if (remove(RedisKeys.routeOf(member), RedisKeys.endpointOf(member), true).isPresent()) {
                    removed++;
                }
            } catch (IllegalArgumentException e) {
                redis.call(r -> r.zrem(keys.deadlines(), member));
            }
        }
        return removed;
    }

    /** The route as read, or on a first attempt at a route the copy does not have, absent without reading. */
    private Stored readOrGuess(RouteKey key, int attempt) {
        return attempt == 0 && absent.test(key) ? new Stored(key, null, null) : read(key);
    }

    private Stored read(RouteKey key) {
        String field = RedisKeys.field(key);
        String raw = redis.call(r -> r.hget(keys.routes(), field));
        if (raw == null) {
            return new Stored(key, null, null);
        }
        try {
            if (JournalLine.parse(raw) instanceof JournalLine.Set set && set.state().key().equals(key)) {
                return new Stored(key, raw, set);
            }
            throw new IllegalArgumentException("it holds another route");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("route '" + field + "' in " + keys.routes() + " at " + redis.address()
                    + " is unreadable (" + e.getMessage() + "); remove that field to start it afresh", e);
        }
    }

    private RedisScripts.Outcome write(Stored old, String record, String change, String expireMember, List<String> deadlines) {
        List<String> argv = new ArrayList<>(List.of(RedisKeys.field(old.key), old.expected(), record, change, keys.channel(),
                Integer.toString(config.changeStreamLength()), epochCandidate, expireMember));
        argv.addAll(deadlines);
        RedisScripts.Written written = redis.call(r -> scripts.write(r, keys, argv.toArray(String[]::new)));
        if (written.outcome() == RedisScripts.Outcome.OK && written.seq() > 0) {
            changed.recorded(written.seq(), written.epoch(), change);
        }
        return written.outcome();
    }

    private static IllegalStateException contended(RouteKey key) {
        return new IllegalStateException("route " + key.name() + " kept changing under " + MAX_ATTEMPTS
                + " attempts to update it; try again");
    }
}
