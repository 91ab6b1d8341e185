package dev.ferry.router.h2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One pooled HTTP/2 connection to an h2c backend, shared by the streams of many exchanges of one event loop
 * ({@link H2cTarget}). It takes streams once the backend's first SETTINGS came, up to the backend's
 * {@code SETTINGS_MAX_CONCURRENT_STREAMS} (at most the pool's own cap); after a GOAWAY it takes none and closes once
 * its streams end. Threading: its event loop only.
 */
final class H2cConnection {

    enum State { CONNECTING, READY, DRAINING, CLOSED }

    final Channel channel;
    private final H2cTarget target;
    State state = State.CONNECTING;
    /** Streams it may carry at once; known once the backend's SETTINGS came. */
    int capacity;
    /** Streams open or being opened on it. */
    int streams;
    /** Streams it carried that have ended: once one has, the connection is a used one, like a pooled HTTP/1.1 one. */
    int ended;
    /** Closes it after the idle timeout; armed only while it carries no stream. */
    ScheduledFuture<?> idleClose;

    H2cConnection(Channel channel, H2cTarget target, FrameWatcher watcher) {
        this.channel = channel;
        this.target = target;
        watcher.connection = this;
    }

    boolean hasRoom() {
        return state == State.READY && streams < capacity && channel.isActive();
    }

    /** Stops the idle timer: a stream is about to use the connection. */
    void busy() {
        if (idleClose != null) {
            idleClose.cancel(false);
            idleClose = null;
        }
    }

    /**
     * Between the frame codec and the multiplex handler: sees the connection-level frames before the streams do, the
     * backend's SETTINGS (the connection is ready, with its stream limit) and GOAWAY (no new stream on it, not even
     * the retry of a stream it refused), and passes every frame on.
     */
    static final class FrameWatcher extends ChannelInboundHandlerAdapter {
        private H2cConnection connection;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2SettingsFrame settings) {
                connection.target.settingsReceived(connection, settings.settings().maxConcurrentStreams());
            } else if (msg instanceof Http2GoAwayFrame) {
                connection.target.goAwayReceived(connection);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
