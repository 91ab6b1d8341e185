package dev.ferry.control.tunnel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The separate gateways ({@code ferry gateway}) that registered through {@link TunnelGatewaysApi}, each alive
 * for the TTL of its last registration, so that a gateway that dies without deregistering drops out of the
 * {@link TunnelDirectory} by itself. Thread-safe.
 */
public final class RegisteredGateways {

    private record Entry(TunnelDirectory.Gateway gateway, Instant expiresAt) {
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public RegisteredGateways() {
        this(Clock.systemUTC());
    }

    RegisteredGateways(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds or renews a gateway for {@code ttl}. */
    public void register(String id, TunnelDirectory.Gateway gateway, Duration ttl) {
        byId.put(id, new Entry(gateway, clock.instant().plus(ttl)));
    }

    /** @return whether the gateway was registered */
    public boolean remove(String id) {
        return byId.remove(id) != null;
    }

    /** The gateways whose registration has not expired, by id. */
    public List<TunnelDirectory.Gateway> live() {
        Instant now = clock.instant();
        byId.entrySet().removeIf(e -> !e.getValue().expiresAt().isAfter(now));
        return byId.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().gateway()).toList();
    }
}
