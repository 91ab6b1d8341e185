package dev.ferry.router.handler;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection's place under the {@link ConnectionLimiter}'s caps, and whether it is idle: a
 * connection is idle from its start and between requests (waiting for the next request head, whole or in
 * part), busy while a request is in flight, and stays busy once upgraded to a relay. Only an idle connection
 * can be evicted to make room for a new one.
 *
 * <p>Threading: {@link #startRequest()} and {@link #endRequest()} are called on the connection's event loop,
 * once per request each: a compare-and-set and a release store, no lock. {@link #evictIfIdle()} is called
 * from any event loop by the limiter.
 */
public final class ConnectionSlot {

    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int EVICTED = 2;

    private final Channel channel;
    private final InetAddress client;
    // busy until the limiter has admitted it, so that making room never evicts the newcomer itself
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private final AtomicBoolean released = new AtomicBoolean();
    // written before state turns IDLE (release store), read after state is seen IDLE
    private volatile long idleSinceNanos;

    ConnectionSlot(Channel channel, InetAddress client) {
        this.channel = channel;
        this.client = client;
    }

    /**
     * The slot of one HTTP/2 stream: not counted by the limiter (its connection is), idle until its request
     * arrives. The connection's own slot is busy while any of its streams is open.
     */
    public static ConnectionSlot forStream(Channel stream) {
        ConnectionSlot slot = new ConnectionSlot(stream, null);
        slot.endRequest();
        return slot;
    }

    /**
     * Marks the connection busy as a request head arrives; false when the limiter has just evicted it, and then
     * the request must not be served (the connection is being closed).
     */
    public boolean startRequest() {
        return state.compareAndSet(IDLE, BUSY);
    }

    /** Marks the connection idle again, waiting for its next request. */
    public void endRequest() {
        idleSinceNanos = System.nanoTime();
        state.compareAndSet(BUSY, IDLE);
    }

    Channel channel() {
        return channel;
    }

    InetAddress client() {
        return client;
    }

    boolean isIdle() {
        return state.get() == IDLE;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** Takes the slot from an idle connection; false when it turned busy or was evicted already. */
    boolean evictIfIdle() {
        return state.compareAndSet(IDLE, EVICTED);
    }

    /** True the first time only: the slot is given back once, by eviction or by the connection's close. */
    boolean markReleased() {
        return released.compareAndSet(false, true);
    }
}
