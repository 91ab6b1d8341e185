package dev.ferry.router.proxy;

import dev.ferry.core.route.Endpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/** A real HTTP origin on 127.0.0.1 for component tests, with a few canned behaviours. */
final class TestBackend implements AutoCloseable {

    /** A request as the origin received it. */
    record Seen(String method, String uri, HttpHeaders headers) {
    }

    final AtomicInteger connections = new AtomicInteger();
    final BlockingQueue<Seen> requests = new LinkedBlockingQueue<>();
    private final Channel server;
    final String name;

    private TestBackend(EventLoopGroup group, String name, Consumer<ChannelPipeline> init) {
        this.name = name;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof HttpRequest r) {
                                    requests.add(new Seen(r.method().name(), r.uri(), new DefaultHttpHeaders().add(r.headers())));
                                }
                                ctx.fireChannelRead(msg);
                            }
                        });
                        init.accept(ch.pipeline());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    static TestBackend start(EventLoopGroup group, String name, Consumer<ChannelPipeline> init) {
        return new TestBackend(group, name, init);
    }

    /** Answers every request with 200 and {@code body}, naming itself in {@code X-Backend}. */
    static TestBackend text(EventLoopGroup group, String name, String body) {
        return start(group, name, p -> p.addLast(new TextHandler(name, body)));
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    Endpoint endpoint() {
        return Endpoint.of("127.0.0.1", port());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** Drops the request's parts as they come and answers once its last part has come. */
    abstract static class AnswerAtRequestEnd extends ChannelInboundHandlerAdapter {
        @Override
        public final void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                answer(ctx);
            }
        }

        /** Writes the response; called on the event loop, after the request's last part. */
        protected abstract void answer(ChannelHandlerContext ctx);
    }

    static final class TextHandler extends AnswerAtRequestEnd {
        private final String name;
        private final String body;

        TextHandler(String name, String body) {
            this.name = name;
            this.body = body;
        }

        @Override
        protected void answer(ChannelHandlerContext ctx) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            r.headers().set("X-Backend", name);
            r.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, X-Hop");
            r.headers().set("X-Hop", "secret");
            ctx.writeAndFlush(r);
        }
    }

    /** Counts the request body and its CRC32, then answers {@code <count> <crc>}. */
    static final class UploadSink extends ChannelInboundHandlerAdapter {
        private final CRC32 crc = new CRC32();
        private long count;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpContent c) {
                ByteBuf b = c.content();
                count += b.readableBytes();
                crc.update(b.nioBuffer());
            }
            boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(count + " " + crc.getValue(), StandardCharsets.UTF_8));
                HttpUtil.setContentLength(r, r.content().readableBytes());
                ctx.writeAndFlush(r);
                count = 0;
                crc.reset();
            }
        }
    }

    /** Streams {@code size} bytes of {@link Pattern} with a Content-Length, writing only while writable. */
    static final class Download extends AnswerAtRequestEnd {
        private final long size;
        private long sent = -1;

        Download(long size) {
            this.size = size;
        }

        @Override
        protected void answer(ChannelHandlerContext ctx) {
            HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(r, size);
            ctx.write(r);
            sent = 0;
            pump(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // never write from inside a flush: resume on the next turn of the event loop
            if (ctx.channel().isWritable()) {
                ctx.executor().execute(() -> pump(ctx));
            }
        }

        private void pump(ChannelHandlerContext ctx) {
            while (sent >= 0 && sent < size && ctx.channel().isWritable()) {
                int n = (int) Math.min(Pattern.BLOCK, size - sent);
                ByteBuf chunk = ctx.alloc().buffer(n);
                Pattern.fill(chunk, sent / Pattern.BLOCK, n);
                sent += n;
                ctx.write(new DefaultHttpContent(chunk));
            }
            if (sent == size) {
                sent = -1;
                ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            ctx.flush();
        }
    }

    /** Server-sent events: one event at once, the end of the stream only when {@code end} opens. */
    static final class Sse extends AnswerAtRequestEnd {
        private final CountDownLatch end;

        Sse(CountDownLatch end) {
            this.end = end;
        }

        @Override
        protected void answer(ChannelHandlerContext ctx) {
            HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
            HttpUtil.setTransferEncodingChunked(r, true);
            ctx.write(r);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: first\n\n", StandardCharsets.UTF_8)));
            Thread waiter = new Thread(() -> {
                try {
                    end.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: last\n\n", StandardCharsets.UTF_8)));
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            });
            waiter.setDaemon(true);
            waiter.start();
        }
    }

    /** Never answers. */
    static final class Silent extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Sends a head promising 100 bytes, 10 of them, then closes. */
    static final class HalfThenClose extends AnswerAtRequestEnd {
        @Override
        protected void answer(ChannelHandlerContext ctx) {
            HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            HttpUtil.setContentLength(r, 100);
            ctx.write(r);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("0123456789", StandardCharsets.US_ASCII)))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A WebSocket echo at {@code /ws}. */
    static void webSocketEcho(ChannelPipeline p) {
        p.addLast(new HttpObjectAggregator(65536));
        p.addLast(new WebSocketServerProtocolHandler("/ws"));
        p.addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                ctx.writeAndFlush(new TextWebSocketFrame("echo: " + frame.text()));
            }
        });
    }
}
