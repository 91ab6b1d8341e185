package dev.ferry.control.tunnel;

import dev.ferry.core.route.TunnelAgent;
import dev.ferry.core.route.TunnelAgents;
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
 * {@link TunnelDirectory} by itself, with the agents each said were connected to it at its last renewal
 * ({@link #connected}, for the admins' tunnels page). Thread-safe.
 */
public final class RegisteredGateways implements TunnelAgents {

    private record Entry(TunnelDirectory.Gateway gateway, Instant expiresAt, List<TunnelAgent> agents) {
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
        Instant expiresAt = clock.instant().plus(ttl);
        byId.compute(id, (k, old) -> new Entry(gateway, expiresAt, old == null ? List.of() : old.agents()));
    }

    /** Keeps the agents gateway {@code id} says are connected to it; false when no such gateway is registered. */
    public boolean agents(String id, List<TunnelAgent> agents) {
        return byId.computeIfPresent(id, (k, old) -> new Entry(old.gateway(), old.expiresAt(), List.copyOf(agents))) != null;
    }

    /** The agents the live gateways last said were connected to them (as {@link TunnelAgents}). */
    @Override
    public List<TunnelAgent> connected() {
        live();
        return byId.values().stream().flatMap(e -> e.agents().stream()).toList();
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
