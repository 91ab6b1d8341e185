package dev.ferry.router.h2;

import dev.ferry.core.route.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pooled connections of one event loop to one h2c endpoint, and the exchanges waiting for a stream on them. A
 * stream goes on the first ready connection with room; when none has room, the waiting exchanges queue on the
 * connections being opened, and another connection is opened for each {@code capacity} of them that those cannot
 * take (the capacity learnt from the endpoint's last SETTINGS, the pool's cap before any came). A failed connect
 * fails the exchanges that no other connection in progress can take, so they follow the exchange's retry rules.
 * Threading: its event loop only.
 */
final class H2cTarget {

    private final H2cBackends owner;
    final Endpoint endpoint;
    final EventLoop loop;
    private final List<H2cConnection> connections = new ArrayList<>(2);
    private final ArrayDeque<Promise<Channel>> waiting = new ArrayDeque<>();
    private int learntCapacity;

    H2cTarget(H2cBackends owner, Endpoint endpoint, EventLoop loop) {
        this.owner = owner;
        this.endpoint = endpoint;
        this.loop = loop;
        this.learntCapacity = owner.maxStreamsPerConnection();
    }

    /** A stream for one exchange: at once on a connection with room, else when one has room. */
    void acquire(Promise<Channel> stream) {
        H2cConnection room = withRoom();
        if (room != null) {
            openStream(room, stream);
            return;
        }
        waiting.add(stream);
        connectIfShort();
    }

    private H2cConnection withRoom() {
        for (H2cConnection c : connections) {
            if (c.hasRoom()) {
                return c; // the first with room: streams pack onto few connections, and spare ones go idle and close
            }
        }
        return null;
    }

    private void connectIfShort() {
        int room = 0;
        for (H2cConnection c : connections) {
            if (c.state == H2cConnection.State.CONNECTING) {
                room += learntCapacity;
            }
        }
        for (int short_ = waiting.size() - room; short_ > 0; short_ -= learntCapacity) {
            connect();
        }
    }

    private void connect() {
        H2cConnection c = owner.connect(this);
        connections.add(c);
        // the connect timeout covers the TCP handshake; this covers a backend that never sends its SETTINGS
        loop.schedule(() -> {
            if (c.state == H2cConnection.State.CONNECTING) {
                connectFailed(c, new ConnectTimeoutException("no HTTP/2 SETTINGS from " + endpoint.authority()));
            }
        }, owner.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        c.channel.closeFuture().addListener(f -> closed(c));
    }

    void connectFailed(H2cConnection c, Throwable cause) {
        connections.remove(c);
        c.state = H2cConnection.State.CLOSED;
        c.channel.close();
        int room = 0;
        for (H2cConnection other : connections) {
            room += other.state == H2cConnection.State.CONNECTING ? learntCapacity : 0;
        }
        while (waiting.size() > room) {
            waiting.pollLast().tryFailure(cause);
        }
        owner.forgetIfUnused(this);
    }

    void settingsReceived(H2cConnection c, Long maxConcurrentStreams) {
        int max = maxConcurrentStreams == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, maxConcurrentStreams);
        c.capacity = Math.max(1, Math.min(max, owner.maxStreamsPerConnection()));
        learntCapacity = c.capacity;
        if (c.state == H2cConnection.State.CONNECTING) {
            c.state = H2cConnection.State.READY;
            armIdleClose(c); // a connection opened for exchanges that went elsewhere meanwhile still closes
        }
        dispatch();
    }

    void goAwayReceived(H2cConnection c) {
        if (c.state == H2cConnection.State.CLOSED) {
            return;
        }
        boolean wasConnecting = c.state == H2cConnection.State.CONNECTING;
        c.state = H2cConnection.State.DRAINING; // streams above its last-stream-id are refused and retried
        if (c.streams == 0) {
            c.channel.close();
        }
        if (wasConnecting) {
            connectIfShort();
        }
    }

    private void dispatch() {
        H2cConnection c;
        while (!waiting.isEmpty() && (c = withRoom()) != null) {
            openStream(c, waiting.poll());
        }
        connectIfShort();
    }

    private void openStream(H2cConnection c, Promise<Channel> stream) {
        c.busy();
        c.streams++;
        new Http2StreamChannelBootstrap(c.channel).handler(owner.streamInitializer()).open().addListener(s -> {
            if (!s.isSuccess()) {
                streamEnded(c);
                stream.tryFailure(s.cause());
                return;
            }
            Http2StreamChannel ch = (Http2StreamChannel) s.getNow();
            ch.attr(H2cBackends.ON_USED_CONNECTION).set(c.ended > 0);
            ch.closeFuture().addListener(f -> streamEnded(c));
            if (!stream.trySuccess(ch)) {
                ch.close();
            }
        });
    }

    private void streamEnded(H2cConnection c) {
        c.streams--;
        c.ended++;
        if (c.state == H2cConnection.State.CLOSED) {
            dispatch();
            return;
        }
        if (c.streams == 0 && c.state == H2cConnection.State.DRAINING) {
            c.channel.close();
        } else if (c.streams == 0) {
            armIdleClose(c);
        }
        dispatch();
    }

    private void armIdleClose(H2cConnection c) {
        if (c.streams > 0 || c.idleClose != null) {
            return;
        }
        c.idleClose = loop.schedule(() -> {
            c.idleClose = null;
            if (c.streams == 0) {
                c.channel.close();
            }
        }, owner.idleTimeMillis(), TimeUnit.MILLISECONDS);
    }

    private void closed(H2cConnection c) {
        boolean wasConnecting = c.state == H2cConnection.State.CONNECTING;
        c.state = H2cConnection.State.CLOSED;
        c.busy();
        if (!connections.remove(c)) {
            return; // a failed connect, already dealt with
        }
        if (wasConnecting) {
            connectFailed(c, new ConnectException("connection to " + endpoint.authority() + " closed before its SETTINGS"));
            return;
        }
        dispatch();
        owner.forgetIfUnused(this);
    }

    boolean unused() {
        return connections.isEmpty() && waiting.isEmpty();
    }
}
