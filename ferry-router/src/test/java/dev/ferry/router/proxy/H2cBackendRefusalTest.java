package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An h2c backend that refuses streams, behind a route marked {@code protocol: h2c} with that one endpoint: a Netty
 * HTTP/2 server that resets streams {@code REFUSED_STREAM}, or sends a GOAWAY whose last-stream-id leaves out
 * streams the router has already opened. Those requests were never served, so the router sends them again on
 * another stream, and no request is lost; streams below the GOAWAY's last-stream-id finish on their connection.
 */
@Timeout(90)
class H2cBackendRefusalTest {

    private static final AttributeKey<int[]> STREAMS = AttributeKey.valueOf("test.streams");
    private static final AttributeKey<int[]> LAST_STREAM = AttributeKey.valueOf("test.lastStream");
    private static final AttributeKey<Boolean> FIRST = AttributeKey.valueOf("test.first");

    private final RouterFixture fx = new RouterFixture();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private Channel server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        fx.close();
    }

    @Test
    void streamsResetRefusedStreamAreSentAgainAndNoneIsLost() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
        start((ctx, stream, requestId) -> {
            // every third request, once each: a retry is answered, so the retry budget is never the limit
            if (seen.incrementAndGet() % 3 == 0 && refusedOnce.add(requestId)) {
                refused.incrementAndGet();
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
                return;
            }
            answerLater(ctx);
        });

        assertEveryRequestAnsweredOk(3, 40);

        assertThat(refused.get()).isGreaterThan(20); // about one stream in three, less the retries spared
        assertThat(answered.get()).isEqualTo(1 + 3 * 40);
        assertThat(seen.get()).isEqualTo(answered.get() + refused.get()); // each refusal cost exactly one more stream
    }

    @Test
    void aGoAwayMidLoadLosesNoRequestAndTheConnectionIsReplaced() throws Exception {
        start((ctx, stream, requestId) -> {
            Channel connection = ctx.channel().parent();
            connection.attr(STREAMS).setIfAbsent(new int[1]);
            int n = ++connection.attr(STREAMS).get()[0];
            int[] last = connection.attr(LAST_STREAM).get();
            if (last != null && stream > last[0]) {
                refused.incrementAndGet(); // above the GOAWAY's last-stream-id: never served
                return;
            }
            if (n == 10 && connection.attr(FIRST).get() != null) { // a GOAWAY that refuses this stream and any later, as a backend shutting down does
                connection.attr(LAST_STREAM).set(new int[] {stream - 2});
                refused.incrementAndGet();
                connection.pipeline().firstContext().writeAndFlush(goAway(stream - 2));
                return;
            }
            answerLater(ctx);
        });

        assertEveryRequestAnsweredOk(3, 40);

        assertThat(refused.get()).isPositive();
        assertThat(connections.get()).isGreaterThan(1);
        assertThat(answered.get()).isEqualTo(1 + 3 * 40);
    }

    @Test
    void aConnectionTheBackendClosesLeavesThePoolAndTheNextRequestOpensAnother() throws Exception {
        start((ctx, stream, requestId) -> {
            Channel connection = ctx.channel().parent();
            connection.attr(STREAMS).setIfAbsent(new int[1]);
            boolean last = ++connection.attr(STREAMS).get()[0] == 5;
            answerLater(ctx, last ? connection : null); // then hangs up, without a GOAWAY, as a crashing backend does
        });

        assertEveryRequestAnsweredOk(20, 1);

        assertThat(connections.get()).isGreaterThanOrEqualTo(4);
        assertThat(answered.get()).isEqualTo(21);
    }

    private void assertEveryRequestAnsweredOk(int rounds, int concurrent) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        assertThat(send(client)).isEqualTo("200 ok"); // Upgrade: h2c, then streams on that one connection
        for (int round = 0; round < rounds; round++) {
            List<CompletableFuture<String>> pending = new ArrayList<>(concurrent);
            for (int i = 0; i < concurrent; i++) {
                pending.add(CompletableFuture.supplyAsync(() -> send(client)));
            }
            for (CompletableFuture<String> f : pending) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo("200 ok");
            }
        }
    }

    private String send(HttpClient client) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + fx.port() + "/"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** A GOAWAY frame as bytes (RFC 9113 §6.8), written under the server's codec so that it keeps serving. */
    private static ByteBuf goAway(int lastStreamId) {
        return Unpooled.buffer(17).writeMedium(8).writeByte(0x7).writeByte(0).writeInt(0)
                .writeInt(lastStreamId).writeInt((int) Http2Error.NO_ERROR.code());
    }

    /** Answers 200 "ok" a little later, so that streams overlap. */
    private void answerLater(ChannelHandlerContext ctx) {
        answerLater(ctx, null);
    }

    /** Answers, then closes {@code thenClose} when not null. */
    private void answerLater(ChannelHandlerContext ctx, Channel thenClose) {
        ctx.executor().schedule(() -> {
            answered.incrementAndGet();
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
            ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII), true))
                    .addListener(f -> {
                        if (thenClose != null) {
                            thenClose.close();
                        }
                    });
        }, 20, TimeUnit.MILLISECONDS);
    }

    private interface OnRequest {
        void request(ChannelHandlerContext ctx, int streamId, String requestId);
    }

    private void start(OnRequest onRequest) {
        server = new ServerBootstrap().group(fx.group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (connections.incrementAndGet() == 1) {
                            ch.attr(FIRST).set(Boolean.TRUE); // only the first connection is sent away
                        }
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        if (msg instanceof Http2HeadersFrame h && h.isEndStream()) {
                                            CharSequence id = h.headers().get("x-request-id");
                                            onRequest.request(ctx, stream.stream().id(), String.valueOf(id));
                                        }
                                        ReferenceCountUtil.release(msg);
                                    }
                                });
                            }
                        }));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        fx.routes.set(new Route("localhost", List.of(Endpoint.of("127.0.0.1", port)),
                RoutePolicy.DEFAULT.withProtocol(BackendProtocol.H2C)));
    }
}
