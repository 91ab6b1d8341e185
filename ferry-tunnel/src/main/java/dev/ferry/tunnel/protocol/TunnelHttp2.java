package dev.ferry.tunnel.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 with reversed roles, as cloudflared does: the agent dials out, then the gateway is the HTTP/2
 * client, opening one stream per TCP connection that the router makes to the tunnel, and the agent is the
 * server, relaying each stream to one connection to its local port. A stream starts with a {@code CONNECT}
 * request; the agent answers {@code :status 200} once its local port accepted the connection and
 * {@code :status 502} when it refused. Then both sides send the raw bytes (HTTP/1.1, WebSocket frames,
 * anything) as DATA frames, flow-controlled per stream by HTTP/2 itself.
 *
 * <p>Windows: {@value #STREAM_WINDOW_BYTES} bytes per stream, {@value #CONNECTION_WINDOW_BYTES} per
 * connection. Heartbeats: a PING when nothing was written for {@link #HEARTBEAT} (5 s); the connection is
 * dead when nothing was read for {@link #DEAD_AFTER} (15 s).
 */
public final class TunnelHttp2 {

    /** Per-stream receive window, in bytes: large enough for loopback throughput, bounded per stream. */
    public static final int STREAM_WINDOW_BYTES = 1 << 20;

    /** Per-connection receive window, in bytes. */
    public static final int CONNECTION_WINDOW_BYTES = 16 << 20;

    /** How often a side sends a PING when it had nothing else to write. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** How long without reading anything before a side closes the connection as dead. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(15);

    /** The status of a stream whose local port accepted the connection. */
    public static final String OPENED = "200";

    /** The status of a stream whose local port refused the connection. */
    public static final String REFUSED = "502";

    private TunnelHttp2() {
    }

    /**
     * Adds the HTTP/2 codec, the stream multiplexer and the heartbeat to a connection whose handshake is done.
     *
     * @param server        true on the agent (HTTP/2 server), false on the gateway (client)
     * @param inboundStreams the handler of streams the peer opens (the agent's), or {@code null} (the gateway's)
     * @param heartbeat     interval of PINGs; {@code deadAfter} the read silence that closes the connection
     */
    public static void install(ChannelPipeline pipeline, boolean server, ChannelHandler inboundStreams,
                               Duration heartbeat, Duration deadAfter) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .initialWindowSize(STREAM_WINDOW_BYTES)
                .maxConcurrentStreams(100_000);
        Http2FrameCodec codec = (server ? Http2FrameCodecBuilder.forServer() : Http2FrameCodecBuilder.forClient())
                .initialSettings(settings)
                .validateHeaders(true)
                // A tunnel that closes ends its streams at once: waiting for them (HTTP/2's graceful close, 30 s
                // by default) would keep a gone device's endpoint registered and its names from falling back.
                .gracefulShutdownTimeoutMillis(0)
                // Netty's rapid-reset guard closes a connection after 200 RST_STREAMs in 30 s; the peer is an
                // authenticated gateway or agent, and streams of short connections can end with resets in bulk.
                .decoderEnforceMaxRstFramesPerWindow(0, 0)
                .build();
        pipeline.addLast("idle", new IdleStateHandler(deadAfter.toMillis(), heartbeat.toMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("heartbeat", new Heartbeat());
        pipeline.addLast("http2", codec);
        pipeline.addLast("streams", new Http2MultiplexHandler(inboundStreams != null ? inboundStreams : new RefuseStreams()));
        pipeline.channel().writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW_BYTES - 65_535));
    }

    /** The request that opens a stream. */
    public static Http2Headers connectRequest() {
        return new DefaultHttp2Headers().method("CONNECT").authority("local");
    }

    /** The answer to an opening request. */
    public static Http2Headers answer(String status) {
        return new DefaultHttp2Headers().status(status);
    }
}
