package dev.ferry.server.e2e;

import static dev.ferry.testing.GrpcEcho.COUNT;
import static dev.ferry.testing.GrpcEcho.HELLO;
import static dev.ferry.testing.GrpcEcho.MISSING;
import static dev.ferry.testing.GrpcEcho.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.GrpcEcho;
import dev.ferry.testing.TestPki;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
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

    /** A grpc-java server of {@code ferry.Echo} on a loopback port. */
    private static Server echoServer() throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(GrpcEcho.service()).build().start();
    }

    private static CommandRunner.Result ok(Cli cli, String... args) {
        CommandRunner.Result r = cli.run(args);
        assertThat(r.exit()).as("%s: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }
}
