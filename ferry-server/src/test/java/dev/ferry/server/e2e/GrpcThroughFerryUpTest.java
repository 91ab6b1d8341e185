package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.TestPki;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC through {@code ferry up} from the outside: a real grpc-java server on a loopback port, routed with the real
 * CLI's {@code routes:add grpc.localhost URL --protocol h2c}, and a real grpc-java client calling through the
 * platform's HTTP port (h2c with prior knowledge) and its HTTPS port (h2 by ALPN, with a certificate added by
 * {@code certs:add}): a unary call, a server-streaming call and a NOT_FOUND status each arrive whole.
 */
@Timeout(120)
class GrpcThroughFerryUpTest {

    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> HELLO = method("Hello", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> COUNT =
            method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<String, String> MISSING = method("Missing", MethodDescriptor.MethodType.UNARY);

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    @Test
    void unaryStreamingAndFailingCallsPassOverH2cAndOverH2WithAnAddedCertificate() throws Exception {
        FerryConfig config = FerryConfig.ephemeral(dataDir).toBuilder().httpsPort(FerryConfig.EPHEMERAL).build();
        Server server = echoServer();
        try (Platform platform = Platform.start(config)) {
            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            ok(admin, "apps:create", "grpc");
            ok(admin, "routes:add", "grpc.localhost", "http://127.0.0.1:" + server.getPort(), "--protocol", "h2c",
                    "--force");
            TestPki pki = new TestPki();
            TestPki.Issued leaf = pki.leaf("grpc.localhost");
            Path chain = Files.writeString(home.resolve("chain.pem"), leaf.certPem() + pki.rootPem());
            Path key = Files.writeString(home.resolve("key.pem"), leaf.keyPem());
            Path root = Files.writeString(home.resolve("root.pem"), pki.rootPem());
            ok(admin, "certs:add", chain.toString(), key.toString(), "-a", "grpc");

            ManagedChannel h2c = NettyChannelBuilder.forAddress("127.0.0.1", platform.httpPort()).usePlaintext()
                    .overrideAuthority("grpc.localhost").build();
            ManagedChannel h2 = NettyChannelBuilder.forAddress("127.0.0.1", platform.httpsPort())
                    .sslContext(GrpcSslContexts.forClient().trustManager(root.toFile()).build())
                    .overrideAuthority("grpc.localhost").build();
            try {
                // The route and the certificate reach the router through the registry and the store's change stream.
                await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                        assertThat(ClientCalls.blockingUnaryCall(h2, HELLO, options(), "tls")).isEqualTo("hello tls"));
                for (ManagedChannel channel : List.of(h2c, h2)) {
                    assertThat(ClientCalls.blockingUnaryCall(channel, HELLO, options(), "ferry"))
                            .isEqualTo("hello ferry");
                    List<String> items = new ArrayList<>();
                    ClientCalls.blockingServerStreamingCall(channel, COUNT, options(), "30").forEachRemaining(items::add);
                    assertThat(items).hasSize(30).startsWith("item 1").endsWith("item 30");
                    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, MISSING, options(), "thing"))
                            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                                assertThat(e.getStatus().getDescription()).isEqualTo("no thing");
                            });
                }
            } finally {
                h2c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                h2.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A grpc-java server of {@code ferry.Echo} on a loopback port: Hello, Count (streams N items), Missing (NOT_FOUND). */
    private static Server echoServer() throws IOException {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("ferry.Echo")
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((name, reply) -> {
                    reply.onNext("hello " + name);
                    reply.onCompleted();
                }))
                .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((n, reply) -> {
                    for (int i = 1; i <= Integer.parseInt(n); i++) {
                        reply.onNext("item " + i);
                    }
                    reply.onCompleted();
                }))
                .addMethod(MISSING, ServerCalls.asyncUnaryCall((name, reply) ->
                        reply.onError(Status.NOT_FOUND.withDescription("no " + name).asRuntimeException())))
                .build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(echo).build().start();
    }

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    private static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("ferry.Echo", name))
                .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
    }
}
