package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Route;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.api.client.ApiRefused;
import dev.ferry.server.gateway.SeparateGateway;
import dev.ferry.testing.CommandRunner;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry gateway} next to {@code ferry up}: a second gateway wired exactly as the command wires it
 * ({@link SeparateGateway}) registers through the control API, the real {@code ferry tunnel} keeps a connection
 * to each gateway, both publish the preview name in the platform's registry, and when the second gateway
 * stops the app is still served through the in-process one. A bad admin token is refused with the API's
 * sentence.
 */
class SeparateGatewayTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path gatewayDir;

    @TempDir
    Path home;

    @Test
    void servesThroughBothGatewaysAndKeepsServingWhenOneStops() throws Exception {
        try (Backend device = Backend.start("device");
             Platform platform = Platform.start(FerryConfig.ephemeral(dataDir).withTunnelPort(FerryConfig.EPHEMERAL))) {
            String token = platform.adminToken().token();
            Api api = new Api(platform.apiPort(), platform.httpPort(), token);
            Cli cli = new Cli(platform.apiPort(), token, home);
            assertThat(cli.run("apps:create", "hello").exit()).isZero();
            SeparateGateway second = SeparateGateway.start(new SeparateGateway.Settings(
                    URI.create("http://127.0.0.1:" + platform.apiPort()), token, secondAddress(), 0, gatewayDir));
            try {
                AtomicReference<CommandRunner.Result> tunnelResult = new AtomicReference<>();
                Thread tunnel = Thread.ofPlatform().name("ferry-tunnel-cli").start(() -> tunnelResult.set(
                        cli.run("tunnel", String.valueOf(device.port()), "-a", "hello")));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(second.tunnelCount()).isEqualTo(1);
                    Route route = platform.registry().table().route("hello--dev.localhost");
                    assertThat(route).isNotNull();
                    assertThat(route.policy().tunnel()).isTrue();
                    assertThat(route.endpoints()).hasSize(2);
                });
                assertThat(api.viaRouter("hello--dev.localhost", "/").body()).isEqualTo("backend device\n");
                String session = dashboardSession(platform.apiPort(), token);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        agentRows(platform.apiPort(), session)).as("the agent of each gateway, the separate one's "
                                + "from its report at its next renewal").isEqualTo(2));

                second.close();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(platform.registry().table().route("hello--dev.localhost").endpoints()).hasSize(1));
                for (int i = 0; i < 5; i++) {
                    assertThat(api.viaRouter("hello--dev.localhost", "/").body()).isEqualTo("backend device\n");
                }
                tunnel.interrupt();
                tunnel.join(10_000);
                assertThat(tunnel.isAlive()).isFalse();
            } finally {
                second.close();
            }
        }
    }

    /** Signs in to the dashboard over plain HTTP, as its form does; answers the session cookie. */
    private static String dashboardSession(int apiPort, String token) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + apiPort;
        java.net.http.HttpResponse<String> form = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base
                + "/sign-in")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher nonce = java.util.regex.Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(nonce.find()).isTrue();
        java.net.http.HttpResponse<String> signedIn = http.send(java.net.http.HttpRequest.newBuilder(URI.create(base
                        + "/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0])
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("nonce=" + nonce.group(1) + "&token=" + token))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ferry_session="))
                .findFirst().orElseThrow().split(";")[0];
    }

    /** The agents the admins' tunnels page lists. */
    private static long agentRows(int apiPort, String session) throws Exception {
        String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + apiPort + "/admin/tunnels")).header("Cookie", session).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return java.util.regex.Pattern.compile("<tr data-tunnel=").matcher(page).results().count();
    }

    @Test
    void refusesABadAdminToken() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir).withTunnelPort(FerryConfig.EPHEMERAL))) {
            URI api = URI.create("http://127.0.0.1:" + platform.apiPort());
            assertThatThrownBy(() -> SeparateGateway.start(new SeparateGateway.Settings(api, "ferry_not-a-token",
                    "127.0.0.1", 0, gatewayDir)))
                    .isInstanceOf(ApiRefused.class)
                    .hasMessageContaining("token is not valid");
        }
    }

    /** 127.0.0.2 where the loopback network binds it (Linux), else 127.0.0.1. */
    private static String secondAddress() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            return "127.0.0.2";
        } catch (Exception e) {
            return "127.0.0.1";
        }
    }
}
