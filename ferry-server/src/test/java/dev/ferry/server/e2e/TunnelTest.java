package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Endpoint;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry tunnel} against {@code ferry up}: the real CLI publishes a local port through the in-process
 * gateway, the router serves it at the preview name and, with {@code --takeover}, at the app's own name,
 * which falls back to the hosted instance when the tunnel stops; the preview name then says app_offline.
 */
class TunnelTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    private static FerryConfig withTunnels(Path dataDir) {
        return FerryConfig.ephemeral(dataDir).withTunnelPort(FerryConfig.EPHEMERAL);
    }

    @Test
    void publishesALocalPortAndFallsBackToTheHostedInstanceWhenItStops() throws Exception {
        try (Backend device = Backend.start("device"); Backend hosted = Backend.start("hosted");
             Platform platform = Platform.start(withTunnels(dataDir))) {
            assertThat(platform.tunnelPort()).isPositive();
            String token = platform.adminToken().token();
            Api api = new Api(platform.apiPort(), platform.httpPort(), token);
            Cli cli = new Cli(platform.apiPort(), token, home);
            assertThat(cli.run("apps:create", "hello").exit()).isZero();
            platform.registry().addEndpoint("hello.localhost", Endpoint.of("127.0.0.1", hosted.port()), Optional.empty());

            AtomicReference<CommandRunner.Result> tunnelResult = new AtomicReference<>();
            Thread tunnel = Thread.ofPlatform().name("ferry-tunnel-cli").start(() -> tunnelResult.set(
                    cli.run("tunnel", String.valueOf(device.port()), "-a", "hello", "--takeover")));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(api.viaRouter("hello--dev.localhost", "/").body()).isEqualTo("backend device\n"));
            assertThat(api.viaRouter("hello.localhost", "/").body()).isEqualTo("backend device\n");

            tunnel.interrupt();
            tunnel.join(10_000);
            assertThat(tunnel.isAlive()).isFalse();
            assertThat(tunnelResult.get().exit()).isZero();
            assertThat(tunnelResult.get().out()).contains("connected to", "hello--dev.localhost", "GET / 200");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(api.viaRouter("hello.localhost", "/").body()).isEqualTo("backend hosted\n"));
            HttpResponse<String> offline = api.viaRouter("hello--dev.localhost", "/");
            assertThat(offline.statusCode()).isEqualTo(503);
            assertThat(offline.headers().firstValue("Ferry-Error")).hasValue("app_offline");
            assertThat(offline.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void refusesATokenOfAnotherUser() throws Exception {
        try (Platform platform = Platform.start(withTunnels(dataDir))) {
            Cli admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            assertThat(admin.run("apps:create", "hello").exit()).isZero();
            String bobToken = admin.run("users:add", "bob@example.com", "--json").out()
                    .replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1").strip();
            CommandRunner.Result r = new Cli(platform.apiPort(), bobToken, home).run("tunnel", "3000", "-a", "hello");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("ferry: Couldn't find an app named hello.\n");
        }
    }
}
