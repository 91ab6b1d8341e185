package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.testing.GrpcEcho;
import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The router's connections to an h2c backend are pooled and multiplexed: a real grpc-java server behind a route
 * marked {@code protocol: h2c} counts the connections it accepts and sees closed, while a real grpc-java client sends
 * concurrent unary calls through the router. The server answers each call after a short wait, so the calls overlap.
 */
@Timeout(90)
class GrpcH2cPoolingTest {

    private static final MethodDescriptor<String, String> SLOW_HELLO =
            GrpcEcho.method("SlowHello", MethodDescriptor.MethodType.UNARY);

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private RouterFixture fx;
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (fx != null) {
            fx.close();
        }
        later.shutdownNow();
    }

    @Test
    void twoHundredConcurrentUnaryCallsShareAFewConnections() throws Exception {
        start(Integer.MAX_VALUE, b -> b);

        callsAtOnce(200);

        // the router's 2 event loops, and at most 128 streams at once from the client (its stream limit), 100 a
        // connection: one connection per request would be 200
        assertThat(accepted.get()).isBetween(1, 4);
    }

    @Test
    void aBackendAllowingTenStreamsGetsMoreConnectionsUnderFiftyCalls() throws Exception {
        start(10, b -> b);

        callsAtOnce(50);

        assertThat(accepted.get()).isBetween(5, 12);
    }

    @Test
    void connectionsAreReusedThenClosedAfterTheIdleTimeout() throws Exception {
        start(Integer.MAX_VALUE, b -> b.backendIdleTime(Duration.ofMillis(600)));

        callsAtOnce(3);
        callsAtOnce(3); // well within the idle timeout: the same connection
        assertThat(accepted.get()).isEqualTo(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closed.get() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(closed.get()).isEqualTo(1);

        callsAtOnce(2); // a closed connection is not used again: a new one opens
        assertThat(accepted.get()).isEqualTo(2);
    }

    private void callsAtOnce(int n) throws Exception {
        List<ListenableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(ClientCalls.futureUnaryCall(channel.newCall(SLOW_HELLO,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)), "n" + i));
        }
        for (int i = 0; i < n; i++) {
            assertThat(calls.get(i).get(40, TimeUnit.SECONDS)).isEqualTo("hello n" + i);
        }
    }

    private void start(int maxStreams, UnaryOperator<dev.ferry.router.RouterConfig.Builder> tune) throws IOException {
        fx = new RouterFixture(tune);
        ServerServiceDefinition service = ServerServiceDefinition.builder(GrpcEcho.SERVICE)
                .addMethod(SLOW_HELLO, ServerCalls.asyncUnaryCall((name, reply) ->
                        later.schedule(() -> {
                            reply.onNext("hello " + name);
                            reply.onCompleted();
                        }, 150, TimeUnit.MILLISECONDS)))
                .build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .maxConcurrentCallsPerConnection(maxStreams)
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes attributes) {
                        accepted.incrementAndGet();
                        return attributes;
                    }

                    @Override
                    public void transportTerminated(Attributes attributes) {
                        closed.incrementAndGet();
                    }
                })
                .build().start();
        fx.routes.set(new Route("grpc.localhost", List.of(Endpoint.of("127.0.0.1", server.getPort())),
                RoutePolicy.DEFAULT.withProtocol(BackendProtocol.H2C)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fx.port()).usePlaintext()
                .overrideAuthority("grpc.localhost").build();
    }
}
