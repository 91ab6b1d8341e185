package dev.ferry.router.h2;

import dev.ferry.router.handler.ConnectionSlot;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client connection into an HTTP/2 one: Netty's {@link Http2FrameCodec} (settings from
 * {@link Http2Config}, rapid-reset guard on), an {@link Http2MultiplexHandler} that gives each stream its own
 * channel set up by the proxy's stream initializer (a {@link StreamBridge} before the HTTP/1.1 pipeline), and a
 * {@link StreamCounter}. Used by {@link ProtocolDetector} for h2 (ALPN) and h2c by prior knowledge, and by
 * {@link H2cUpgrade} for {@code Upgrade: h2c}. Shared by all connections of a listener.
 */
public final class Http2Connections {

    static final String CODEC = "h2-codec";
    static final String STREAMS = "h2-streams";
    static final String COUNTER = "h2-counter";

    private final Http2Config config;
    private final ChannelHandler streamInitializer;

    /** @param streamInitializer sets up each stream's channel; must be sharable */
    public Http2Connections(Http2Config config, ChannelHandler streamInitializer) {
        this.config = config;
        this.streamInitializer = streamInitializer;
    }

    public Http2Config config() {
        return config;
    }

    Http2FrameCodec frameCodec() {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(config.maxConcurrentStreams())
                .initialWindowSize(config.initialWindowBytes())
                .maxHeaderListSize(config.maxHeaderListBytes());
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(config.maxResetsPerWindow(), (int) config.resetWindow().toSeconds())
                .build();
    }

    Http2MultiplexHandler multiplexer() {
        return new Http2MultiplexHandler(streamInitializer);
    }

    StreamCounter counter(ConnectionSlot slot) {
        return new StreamCounter(slot, config);
    }

    /** Removes the HTTP/1.1 handlers after {@code at} and puts the HTTP/2 ones in their place. */
    void install(ChannelHandlerContext at, ConnectionSlot slot) {
        removeAfter(at);
        ChannelPipeline p = at.pipeline();
        p.addLast(CODEC, frameCodec());
        p.addLast(STREAMS, multiplexer());
        p.addLast(COUNTER, counter(slot));
    }

    /** Removes every handler after {@code at}: the HTTP/1.1 reader, its timers and the proxy. */
    static void removeAfter(ChannelHandlerContext at) {
        ChannelPipeline p = at.pipeline();
        List<String> names = p.names();
        List<String> after = new ArrayList<>(names.subList(names.indexOf(at.name()) + 1, names.size()));
        for (String name : after) {
            if (p.context(name) != null) {
                p.remove(name);
            }
        }
    }
}
