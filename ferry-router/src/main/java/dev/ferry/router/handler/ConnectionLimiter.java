package dev.ferry.router.handler;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open client connections of one router, in total and per client IP address, against
 * {@code RouterConfig.maxConnections} (default 20000) and {@code RouterConfig.maxConnectionsPerClient}
 * (default 1000), and makes room by evicting idle keep-alive connections before refusing anyone:
 * <ul>
 *   <li>a client at its own cap gets its new connection, and its connection idle the longest is closed; only
 *       when all its connections have a request in flight is the new one refused;</li>
 *   <li>at the total cap, the connection idle the longest of the client holding the most connections is
 *       closed, so that idle connections of one address (or a few) never lock other clients out; only when
 *       no connection at all is idle is the new one refused;</li>
 *   <li>the {@link TrustedProxies} (a load balancer in front of the router) have no per-client cap; they
 *       count towards the total and their idle connections may be evicted like anyone's.</li>
 * </ul>
 * A refused connection is answered by {@link TooManyConnectionsHandler}. See {@link ConnectionSlot} for what
 * idle means.
 *
 * <p>Threading: called from every event loop. The per-client sets change only inside the map's
 * {@code compute} for their address; the work happens once per connection (and eviction scans only at a
 * cap), never per request. Evicted channels are closed after the map is left, since a close can run its
 * listeners at once.
 */
public final class ConnectionLimiter {

    private final int maxConnections;
    private final int maxPerClient;
    private final TrustedProxies uncapped;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, ClientConnections> perClient = new ConcurrentHashMap<>();

    /**
     * @param uncapped clients with no per-client cap (the router's trusted proxies)
     */
    public ConnectionLimiter(int maxConnections, int maxPerClient, TrustedProxies uncapped) {
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
        this.uncapped = Objects.requireNonNull(uncapped, "uncapped");
    }

    /**
     * Takes a slot for a new connection, evicting an idle connection when a cap is reached; null (and nothing
     * taken) when no idle connection could make room.
     */
    public ConnectionSlot tryOpen(Channel ch) {
        InetAddress client = ch.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        ConnectionSlot slot = new ConnectionSlot(ch, client);
        open.incrementAndGet();
        if (client != null && !admitFrom(client, slot)) {
            open.decrementAndGet();
            return null;
        }
        if (open.get() > maxConnections && !evictAnywhere()) {
            release(slot);
            return null;
        }
        ch.closeFuture().addListener(f -> release(slot));
        slot.endRequest();
        return slot;
    }

    /** Adds the slot to its client's set, evicting that client's oldest idle connection at its cap. */
    private boolean admitFrom(InetAddress client, ConnectionSlot slot) {
        boolean capped = !uncapped.contains(client);
        ConnectionSlot[] evicted = {null};
        boolean[] admitted = {false};
        perClient.compute(client, (k, set) -> {
            ClientConnections s = set == null ? new ClientConnections() : set;
            if (capped && s.size() >= maxPerClient) {
                evicted[0] = s.evictOldestIdle();
                if (evicted[0] == null) {
                    return s.isEmpty() ? null : s;
                }
            }
            s.add(slot);
            admitted[0] = true;
            return s;
        });
        close(evicted[0]);
        return admitted[0];
    }

    /** Evicts one idle connection, preferring the client that holds the most; false when none is idle. */
    private boolean evictAnywhere() {
        InetAddress largest = null;
        int most = 0;
        for (Map.Entry<InetAddress, ClientConnections> e : perClient.entrySet()) {
            if (e.getValue().size() > most) {
                most = e.getValue().size();
                largest = e.getKey();
            }
        }
        if (largest != null && evictFrom(largest)) {
            return true;
        }
        for (InetAddress client : perClient.keySet()) {
            if (evictFrom(client)) {
                return true;
            }
        }
        return false;
    }

    private boolean evictFrom(InetAddress client) {
        ConnectionSlot[] evicted = {null};
        perClient.computeIfPresent(client, (k, s) -> {
            evicted[0] = s.evictOldestIdle();
            return s.isEmpty() ? null : s;
        });
        close(evicted[0]);
        return evicted[0] != null;
    }

    private void close(ConnectionSlot evicted) {
        if (evicted != null) {
            release(evicted);
            evicted.channel().close();
        }
    }

    /** Gives a slot back, once: when it is evicted or its connection closes, whichever comes first. */
    private void release(ConnectionSlot slot) {
        if (!slot.markReleased()) {
            return;
        }
        open.decrementAndGet();
        if (slot.client() != null) {
            perClient.computeIfPresent(slot.client(), (k, s) -> {
                s.remove(slot);
                return s.isEmpty() ? null : s;
            });
        }
    }
}
