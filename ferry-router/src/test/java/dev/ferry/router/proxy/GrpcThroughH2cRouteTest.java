package dev.ferry.router.proxy;

import static dev.ferry.testing.GrpcEcho.COUNT;
import static dev.ferry.testing.GrpcEcho.HELLO;
import static dev.ferry.testing.GrpcEcho.MISSING;
import static dev.ferry.testing.GrpcEcho.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import dev.ferry.testing.GrpcEcho;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gRPC end to end through the router: a real grpc-java server behind a route marked {@code protocol: h2c}, a real
 * grpc-java client speaking h2c with prior knowledge to the router's HTTP port. A unary call, a server-streaming
 * call and a failing call each get their {@code grpc-status} in the trailers, and the server sees the router's
 * forwarded headers.
 */
@Timeout(60)
class GrpcThroughH2cRouteTest {

    private final RouterFixture fx = new RouterFixture();
    private final LinkedBlockingQueue<Metadata> seen = new LinkedBlockingQueue<>();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(GrpcEcho.service())
                .intercept(new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                            Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                        seen.add(headers);
                        return next.startCall(call, headers);
                    }
                })
                .build().start();
        fx.routes.set(new Route("grpc.localhost", List.of(Endpoint.of("127.0.0.1", server.getPort())),
                RoutePolicy.DEFAULT.withProtocol(BackendProtocol.H2C)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fx.port()).usePlaintext()
                .overrideAuthority("grpc.localhost").build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        fx.close();
    }

    @Test
    void aUnaryCallPassesWithItsStatusAndTheForwardedHeaders() throws Exception {
        assertThat(ClientCalls.blockingUnaryCall(channel, HELLO, options(), "ferry")).isEqualTo("hello ferry");

        Metadata headers = seen.poll(5, TimeUnit.SECONDS);
        assertThat(headers.get(Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("127.0.0.1");
        assertThat(headers.get(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER))).hasSize(36);
    }

    @Test
    void aServerStreamingCallDeliversEveryMessage() {
        Iterator<String> items = ClientCalls.blockingServerStreamingCall(channel, COUNT, options(), "50");
        List<String> got = new ArrayList<>();
        items.forEachRemaining(got::add);

        assertThat(got).hasSize(50).startsWith("item 1", "item 2").endsWith("item 50");
    }

    @Test
    void aFailingCallGetsItsGrpcStatus() {
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, MISSING, options(), "thing"))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> {
                    Status status = ((StatusRuntimeException) e).getStatus();
                    assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(status.getDescription()).isEqualTo("no thing");
                });
    }

    @Test
    void manyCallsAtOnceShareTheClientsConnection() throws Exception {
        List<com.google.common.util.concurrent.ListenableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(ClientCalls.futureUnaryCall(channel.newCall(HELLO, options()), "n" + i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(calls.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("hello n" + i);
        }
    }
}
