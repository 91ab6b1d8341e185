package dev.ferry.router.handler;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open client connections of one router, in total and per client IP address, against
 * {@code RouterConfig.maxConnections} (default 20000) and {@code RouterConfig.maxConnectionsPerClient}
 * (default 1000). A connection over either cap is answered by {@link TooManyConnectionsHandler}.
 *
 * <p>Threading: called from every event loop; the counts are atomic and a connection's slot is given back
 * when it closes.
 */
public final class ConnectionLimiter {

    private final int maxConnections;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxConnections, int maxPerClient) {
        this.maxConnections = maxConnections;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for a new connection; false (and nothing taken) when a cap is reached. */
    public boolean tryOpen(Channel ch) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return false;
        }
        InetAddress client = ch.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (client != null) {
            boolean[] taken = {false};
            perClient.compute(client, (k, n) -> {
                int count = n == null ? 0 : n;
                if (count >= maxPerClient) {
                    return n;
                }
                taken[0] = true;
                return count + 1;
            });
            if (!taken[0]) {
                open.decrementAndGet();
                return false;
            }
        }
        ch.closeFuture().addListener(f -> {
            open.decrementAndGet();
            if (client != null) {
                perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
        });
        return true;
    }

    /** Client connections holding a slot now. */
    public int openCount() {
        return open.get();
    }
}
