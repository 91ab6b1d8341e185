package dev.ferry.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.agent.AgentConfig;
import dev.ferry.tunnel.agent.GatewayDirectory;
import dev.ferry.tunnel.agent.TunnelAgent;
import dev.ferry.tunnel.gateway.GatewayCertificate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An agent notices a gateway that went silent (no FIN, no RST) by its heartbeat, and dials again. */
class HeartbeatTest {

    @Test
    void declaresASilentGatewayDeadAndReconnects() throws Exception {
        GatewayCertificate cert = GatewayCertificate.generate();
        SslContext ssl = SslContextBuilder.forServer(cert.key(), cert.certificate()).build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicInteger accepted = new AtomicInteger();
        try {
            // Welcomes every agent, then never reads or writes again: a gateway frozen or behind a dead link.
            Channel silent = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.incrementAndGet();
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new LineBasedFrameDecoder(4096),
                                    new SimpleChannelInboundHandler<ByteBuf>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
                                            ctx.writeAndFlush(Unpooled.copiedBuffer("OK hello--dev.localhost\n",
                                                    StandardCharsets.US_ASCII));
                                            ctx.channel().config().setAutoRead(false);
                                        }
                                    });
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) silent.localAddress()).getPort();
            GatewayDirectory directory = app -> new GatewayDirectory.Directory(
                    List.of(new GatewayDirectory.GatewayAddress("127.0.0.1", port, cert.fingerprint())), "hello--dev.localhost");
            TunnelFixture.Events events = new TunnelFixture.Events();
            AgentConfig config = AgentConfig.of(AppName.of("hello"), TunnelFixture.ALICE, 9, false)
                    .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000))
                    .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
            try (TunnelAgent agent = new TunnelAgent(config, directory, events).start()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> events.count("connected") >= 1);
                await().atMost(Duration.ofSeconds(8)).until(() -> events.count("disconnected") >= 1
                        && events.count("connected") >= 2);
                assertThat(accepted.get()).isGreaterThanOrEqualTo(2);
                assertThat(agent.stopped()).isNotDone();
            }
            silent.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void withdrawsATunnelWhoseAgentWentSilent() throws Exception {
        try (TunnelFixture f = new TunnelFixture()) {
            var g = f.startGateway(dev.ferry.tunnel.gateway.GatewayConfig.defaults(0, "gw1").withBindAddress("127.0.0.1")
                    .withAdvertisedHost("127.0.0.1").withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000)), f.certificate);
            // An agent that says hello, then never reads or writes again (a frozen device).
            try (java.net.Socket s = sslSocket(g.port())) {
                s.getOutputStream().write(new dev.ferry.tunnel.protocol.Hello(AppName.of("hello"), false, TunnelFixture.ALICE)
                        .encode().getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(5)).until(() -> g.tunnelCount() == 1
                        && endpoints(f, "hello--dev.localhost") > 0);
                await().atMost(Duration.ofSeconds(8)).until(() -> g.tunnelCount() == 0
                        && endpoints(f, "hello--dev.localhost") == 0);
            }
        }
    }

    /** The endpoints the registry holds for a host: none while the gateway has not registered it or after it left. */
    private static int endpoints(TunnelFixture f, String host) {
        var route = f.registry.table().route(host);
        return route == null ? 0 : route.endpoints().size();
    }

    /** A TLS client socket to the gateway; it trusts any certificate (pinning is tested above). */
    private static java.net.Socket sslSocket(int port) throws Exception {
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return s;
    }

    @Test
    void refusesAGatewayWhoseCertificateIsNotThePinnedOne() throws Exception {
        try (TunnelFixture f = new TunnelFixture()) {
            var g = f.startGateway(0, "gw1");
            String wrong = GatewayCertificate.generate().fingerprint();
            GatewayDirectory directory = app -> new GatewayDirectory.Directory(
                    List.of(new GatewayDirectory.GatewayAddress("127.0.0.1", g.port(), wrong)), "hello--dev.localhost");
            TunnelFixture.Events events = new TunnelFixture.Events();
            AgentConfig config = AgentConfig.of(AppName.of("hello"), TunnelFixture.ALICE, 9, false)
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
            try (TunnelAgent agent = new TunnelAgent(config, directory, events).start()) {
                await().atMost(Duration.ofSeconds(5)).until(() -> events.count("retrying") >= 3);
                assertThat(events.count("connected")).isZero();
                assertThat(g.tunnelCount()).isZero();
            }
        }
    }
}
