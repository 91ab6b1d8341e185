package dev.ferry.router.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.router.Transport;
import dev.ferry.router.route.LiveRoutes;
import dev.ferry.router.route.LiveRoutesConfig;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.MemoryRouteRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpRouterTest {

    private static final Transport TRANSPORT = Transport.detect();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MemoryRouteRegistry registry = new MemoryRouteRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EventLoopGroup group;
    private LiveRoutes routes;
    private TcpRouter router;

    @BeforeEach
    void start() {
        group = TRANSPORT.newGroup(2, "tcp-test");
        routes = new LiveRoutes(registry, LiveRoutesConfig.defaults(), TRANSPORT, group, meters);
        routes.start();
        await().atMost(WAIT).until(() -> registry.subscribers() == 1);
    }

    private void startRouter(TcpRouterConfig config) {
        router = new TcpRouter(routes, config, TRANSPORT, group);
        router.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (router != null) {
            router.close();
        }
        routes.close();
        registry.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private <T extends AutoCloseable> T closing(T c) {
        closeables.add(c);
        return c;
    }

    private int routeTo(Backends.Server... servers) throws IOException {
        int port = FreePorts.loopback();
        for (Backends.Server s : servers) {
            registry.addTcpEndpoint(port, Endpoint.of("127.0.0.1", s.port()), Optional.empty());
        }
        await().atMost(WAIT).until(() -> router.listeningPorts().contains(port));
        return port;
    }

    private Socket connect(int port) throws IOException {
        Socket s = closing(new Socket(InetAddress.getLoopbackAddress(), port));
        s.setSoTimeout(5000);
        return s;
    }

    private static void assertEchoes(Socket s, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(sent);
        s.getOutputStream().flush();
        assertThat(s.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
    }

    @Test
    void relaysBytesBothWaysAndPassesHalfCloseOn() throws Exception {
        startRouter(TcpRouterConfig.defaults());
        Backends.Echo echo = closing(new Backends.Echo());
        int port = routeTo(echo);
        Socket client = connect(port);
        assertEchoes(client, "hello ferry");
        assertEchoes(client, "x".repeat(100_000));
        client.getOutputStream().write("last words".getBytes(StandardCharsets.UTF_8));
        client.shutdownOutput();
        // The echo sees the FIN only after the bytes before it, answers them, then shuts its own side.
        assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("last words");
    }

    @Test
    void relaysALargeTransferWithBoundedBuffering() throws Exception {
        startRouter(TcpRouterConfig.defaults());
        Backends.GatedSink sink = closing(new Backends.GatedSink());
        int port = routeTo(sink);
        Socket client = connect(port);
        long total = 200L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = client.getOutputStream()) {
                while (written.get() < total) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
                client.shutdownOutput();
            } catch (IOException ignored) {
                // the assertion below reports a short transfer
            }
        });
        // While the endpoint reads nothing, the relay must stop reading too: only socket buffers fill up.
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = written.get();
            boolean stalled = now == last[0];
            last[0] = now;
            return stalled;
        });
        assertThat(written.get()).isLessThan(64L * 1024 * 1024);

        sink.open();
        await().atMost(Duration.ofSeconds(60)).until(() -> sink.received.get() == total);
        writer.join(5000);
        assertThat(written.get()).isEqualTo(total);
    }

    @Test
    void sharesConnectionsBetweenTwoEndpoints() throws Exception {
        startRouter(TcpRouterConfig.defaults());
        Backends.Echo one = closing(new Backends.Echo());
        Backends.Echo two = closing(new Backends.Echo());
        int port = routeTo(one, two);
        for (int i = 0; i < 10; i++) {
            try (Socket s = connect(port)) {
                assertEchoes(s, "ping " + i);
            }
        }
        assertThat(one.accepted.get()).isEqualTo(5);
        assertThat(two.accepted.get()).isEqualTo(5);
    }

    @Test
    void countsEachRelayAsInFlightExactlyOnce() throws Exception {
        startRouter(TcpRouterConfig.defaults());
        Backends.Echo echo = closing(new Backends.Echo());
        int port = routeTo(echo);
        String id = Endpoint.of("127.0.0.1", echo.port()).id();
        Socket first = connect(port);
        Socket second = connect(port);
        assertEchoes(first, "one");
        assertEchoes(second, "two");
        assertThat(routes.inFlight(id)).isEqualTo(2);
        first.close();
        await().atMost(WAIT).until(() -> routes.inFlight(id) == 1);
        await().pollDelay(Duration.ofMillis(200)).atMost(WAIT).until(() -> true);
        assertThat(routes.inFlight(id)).isEqualTo(1);
        second.close();
        await().atMost(WAIT).until(() -> routes.inFlight(id) == 0);
    }

    @Test
    void retriesAnotherEndpointWhenOneIsDownAndEjectsIt() throws Exception {
        startRouter(TcpRouterConfig.builder().connectTimeout(Duration.ofSeconds(1)).build());
        Backends.Echo live = closing(new Backends.Echo());
        int port = FreePorts.loopback();
        Endpoint dead = Endpoint.of("127.0.0.1", FreePorts.loopback());
        registry.addTcpEndpoint(port, dead, Optional.empty());
        registry.addTcpEndpoint(port, Endpoint.of("127.0.0.1", live.port()), Optional.empty());
        await().atMost(WAIT).until(() -> router.listeningPorts().contains(port));

        for (int i = 0; i < 6; i++) {
            try (Socket s = connect(port)) {
                assertEchoes(s, "ping " + i);
            }
        }
        assertThat(live.accepted.get()).isEqualTo(6);
        assertThat(meters.get("ferry.router.endpoint.ejections").counter().count()).isEqualTo(1.0);
        for (int i = 0; i < 5; i++) {
            assertThat(routes.tcp(port).pick(null, Set.of())).isNotEqualTo(dead);
        }
    }

    @Test
    void closesTheClientWhenNoEndpointAccepts() throws Exception {
        startRouter(TcpRouterConfig.builder().maxRetries(1).build());
        int port = FreePorts.loopback();
        registry.addTcpEndpoint(port, Endpoint.of("127.0.0.1", FreePorts.loopback()), Optional.empty());
        registry.addTcpEndpoint(port, Endpoint.of("127.0.0.1", FreePorts.loopback()), Optional.empty());
        await().atMost(WAIT).until(() -> router.listeningPorts().contains(port));
        Socket client = connect(port);
        assertThat(readOrReset(client.getInputStream())).isEqualTo(-1);
    }

    private static int readOrReset(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    @Test
    void listensForRoutesAddedAtRuntimeAndKeepsOpenRelaysWhenARouteIsRemoved() throws Exception {
        startRouter(TcpRouterConfig.defaults());
        assertThat(router.listeningPorts()).isEmpty();
        Backends.Echo echo = closing(new Backends.Echo());
        int port = routeTo(echo);
        Socket open = connect(port);
        assertEchoes(open, "before");

        registry.removeTcpRoute(port);
        await().atMost(WAIT).until(() -> !router.listeningPorts().contains(port));
        await().atMost(WAIT).until(() -> !accepts(port));
        assertEchoes(open, "after the route is gone");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return s.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void retriesAPortThatCouldNotBeBoundAtTheNextChange() throws Exception {
        startRouter(TcpRouterConfig.defaults());
        Backends.Echo echo = closing(new Backends.Echo());
        ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int port = squatter.getLocalPort();
        registry.addTcpEndpoint(port, Endpoint.of("127.0.0.1", echo.port()), Optional.empty());
        await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
        assertThat(router.listeningPorts()).doesNotContain(port);

        squatter.close();
        registry.putTcpRoute(port, RoutePolicy.DEFAULT);
        await().atMost(WAIT).until(() -> router.listeningPorts().contains(port));
        assertEchoes(connect(port), "bound at last");
    }

    @Test
    void closesARelayThatStaysIdle() throws Exception {
        startRouter(TcpRouterConfig.builder().idleTimeout(Duration.ofMillis(300)).build());
        Backends.Echo echo = closing(new Backends.Echo());
        int port = routeTo(echo);
        Socket client = connect(port);
        assertEchoes(client, "then silence");
        long began = System.nanoTime();
        assertThat(readOrReset(client.getInputStream())).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(4));
    }
}
