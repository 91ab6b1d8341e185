package dev.ferry.router.proxy;

import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.router.Transport;
import dev.ferry.router.h2.H2cBackends;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections to backends, per event loop and per endpoint address: a request on a client
 * connection uses a backend connection of the same event loop, so neither side ever changes thread.
 * At most {@code maxIdlePerEndpoint} connections wait per endpoint and loop, each for at most
 * {@code idleTime} (below the usual backend keep-alive timeouts, so the router closes first). Expiry costs no
 * timer per request: a connection going back to the pool notes the time, and one sweep per event loop, re-armed
 * only while connections wait, closes those idle too long.
 *
 * <p>Threading: {@link #acquire} and {@link #release} run on the event loop passed in / of the channel;
 * the per-loop maps are touched only there. The counters are read by metrics from any thread.
 */
public final class BackendConnectionPool implements AutoCloseable {

    private enum State { LEASED, IDLE, CLOSED }

    private static final AttributeKey<State> STATE = AttributeKey.valueOf("ferry.backend.state");
    private static final AttributeKey<String> KEY = AttributeKey.valueOf("ferry.backend.key");
    private static final AttributeKey<long[]> IDLE_SINCE = AttributeKey.valueOf("ferry.backend.idleSince");

    /** The idle connections of one event loop, touched only on that loop. */
    private static final class LoopIdle {
        final EventExecutor loop;
        final Map<String, ArrayDeque<Channel>> byEndpoint = new HashMap<>();
        boolean sweepScheduled;

        LoopIdle(EventExecutor loop) {
            this.loop = loop;
        }
    }

    private final Transport transport;
    private final ChannelHandler initializer;
    private final int connectTimeoutMillis;
    private final int maxIdlePerEndpoint;
    private final long idleTimeMillis;
    private final ConcurrentHashMap<EventExecutor, LoopIdle> idle = new ConcurrentHashMap<>();
    private final ChannelGroup all = new DefaultChannelGroup("ferry-backends", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final H2cBackends h2c;

    public BackendConnectionPool(Transport transport, ChannelHandler initializer, Duration connectTimeout,
                                 int maxIdlePerEndpoint, Duration idleTime) {
        this.transport = transport;
        this.initializer = initializer;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
        this.idleTimeMillis = idleTime.toMillis();
        this.h2c = new H2cBackends(transport, initializer, connectTimeout, idleTime);
    }

    /** Backend connections serving an exchange or a relay now. */
    public int activeCount() {
        return active.get();
    }

    /** Backend connections waiting in the pool. */
    public int idleCount() {
        return idleCount.get();
    }

    /** A pooled connection to {@code endpoint} when {@code allowReuse} and one is open, else a new one. */
    Future<BackendLease> acquire(Endpoint endpoint, EventLoop loop, boolean allowReuse) {
        Channel pooled = allowReuse ? pooled(endpoint, loop) : null;
        return pooled != null ? loop.newSucceededFuture(new BackendLease(pooled, true)) : connect(endpoint, loop);
    }

    /** As {@link #pooled(Endpoint, EventLoop)} for HTTP/1.1 backends; null for h2c ones, whose streams are never pooled
     * (their connections are: {@link H2cBackends}). */
    Channel pooled(Endpoint endpoint, EventLoop loop, BackendProtocol protocol) {
        return protocol == BackendProtocol.HTTP1 ? pooled(endpoint, loop) : null;
    }

    /** An open pooled connection to {@code endpoint} on {@code loop}, leased to the caller; null if none waits. */
    Channel pooled(Endpoint endpoint, EventLoop loop) {
        String key = endpoint.id(); // stable per address, and made once: no text made per request
        ArrayDeque<Channel> queue = loopIdle(loop).byEndpoint.get(key);
        Channel ch;
        long now = System.nanoTime();
        // an emptied queue stays for the next release; the sweep forgets the queues of endpoints gone idle
        while (queue != null && (ch = queue.pollLast()) != null) {
            if (expired(ch, now)) {
                ch.close(); // the newest waited too long: so did the older ones, which the sweep closes
                continue;
            }
            if (ch.isActive() && ch.attr(STATE).compareAndSet(State.IDLE, State.LEASED)) {
                idleCount.decrementAndGet();
                active.incrementAndGet();
                return ch;
            }
        }
        return null;
    }

    /** A new connection to {@code endpoint} on {@code loop}, or for h2c a new stream on a pooled connection. */
    Future<BackendLease> connect(Endpoint endpoint, EventLoop loop, BackendProtocol protocol) {
        if (protocol != BackendProtocol.H2C) {
            return connect(endpoint, loop);
        }
        Promise<BackendLease> promise = loop.newPromise();
        h2c.open(endpoint, loop).addListener(f -> {
            if (f.isSuccess()) {
                Channel stream = (Channel) f.getNow();
                promise.trySuccess(new BackendLease(stream, H2cBackends.onUsedConnection(stream)));
            } else {
                promise.tryFailure(f.cause());
            }
        });
        return promise;
    }

    /** A new connection to {@code endpoint} on {@code loop}. */
    Future<BackendLease> connect(Endpoint endpoint, EventLoop loop) {
        String key = endpoint.id();
        Promise<BackendLease> promise = loop.newPromise();
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(initializer)
                .connect(endpoint.host(), endpoint.port());
        Channel ch = connect.channel();
        ch.attr(KEY).set(key);
        ch.attr(IDLE_SINCE).set(new long[1]);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            ch.attr(STATE).set(State.LEASED);
            active.incrementAndGet();
            all.add(ch);
            ch.closeFuture().addListener(c -> closed(ch));
            if (!promise.trySuccess(new BackendLease(ch, false))) {
                ch.close();
            }
        });
        return promise;
    }

    /** Returns a connection after a complete, well-framed exchange; closes it when the pool is full. */
    void release(Channel ch) {
        LoopIdle loopIdle = loopIdle(ch.eventLoop());
        Map<String, ArrayDeque<Channel>> byEndpoint = loopIdle.byEndpoint;
        ArrayDeque<Channel> queue = byEndpoint.get(ch.attr(KEY).get());
        if (!ch.isActive() || (queue == null ? 0 : queue.size()) >= maxIdlePerEndpoint
                || !ch.attr(STATE).compareAndSet(State.LEASED, State.IDLE)) {
            ch.close();
            return;
        }
        if (queue == null) {
            queue = new ArrayDeque<>();
            byEndpoint.put(ch.attr(KEY).get(), queue);
        }
        active.decrementAndGet();
        idleCount.incrementAndGet();
        // read while idle so that a backend closing the connection is noticed at once
        ch.config().setAutoRead(true);
        queue.addLast(ch);
        ch.attr(IDLE_SINCE).get()[0] = System.nanoTime();
        if (!loopIdle.sweepScheduled) {
            loopIdle.sweepScheduled = true;
            loopIdle.loop.schedule(() -> sweep(loopIdle), idleTimeMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the connections of one loop that waited {@code idleTime}; runs again while any wait. */
    private void sweep(LoopIdle loopIdle) {
        loopIdle.sweepScheduled = false;
        long now = System.nanoTime();
        List<Channel> expired = new ArrayList<>();
        long oldestLeft = Long.MAX_VALUE;
        for (ArrayDeque<Channel> queue : loopIdle.byEndpoint.values()) {
            for (Channel ch : queue) {
                if (expired(ch, now)) {
                    expired.add(ch);
                } else {
                    oldestLeft = Math.min(oldestLeft, ch.attr(IDLE_SINCE).get()[0]);
                }
            }
        }
        expired.forEach(Channel::close); // closing removes them from the queues, so not while iterating
        loopIdle.byEndpoint.values().removeIf(ArrayDeque::isEmpty); // endpoints come and go with deploys
        if (oldestLeft != Long.MAX_VALUE) {
            loopIdle.sweepScheduled = true;
            long dueNanos = oldestLeft + TimeUnit.MILLISECONDS.toNanos(idleTimeMillis) - now;
            loopIdle.loop.schedule(() -> sweep(loopIdle), Math.max(1, dueNanos), TimeUnit.NANOSECONDS);
        }
    }

    private boolean expired(Channel ch, long now) {
        return now - ch.attr(IDLE_SINCE).get()[0] >= TimeUnit.MILLISECONDS.toNanos(idleTimeMillis);
    }

    /** Closes every backend connection, pooled or not. */
    @Override
    public void close() {
        all.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        h2c.close();
    }

    private void closed(Channel ch) {
        State previous = ch.attr(STATE).getAndSet(State.CLOSED);
        if (previous == State.LEASED) {
            active.decrementAndGet();
        } else if (previous == State.IDLE) {
            idleCount.decrementAndGet();
            Map<String, ArrayDeque<Channel>> byEndpoint = loopIdle(ch.eventLoop()).byEndpoint;
            ArrayDeque<Channel> queue = byEndpoint.get(ch.attr(KEY).get());
            if (queue != null && queue.remove(ch) && queue.isEmpty()) {
                // endpoints come and go with deploys: forget the ones with nothing pooled
                byEndpoint.remove(ch.attr(KEY).get());
            }
        }
    }

    private LoopIdle loopIdle(EventExecutor loop) {
        LoopIdle own = idle.get(loop);
        return own != null ? own : idle.computeIfAbsent(loop, LoopIdle::new);
    }
}
