package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.route.Route;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.UserId;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.gateway.SeparateGateway;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collaborator's {@code ferry tunnel}, through the real agent, stops serving the app within 2 s of their access
 * going, through the in-process gateway (told at once) and through a separate {@code ferry gateway} (which rechecks
 * every tunnel each second): the preview name no longer reaches the device, its endpoints leave the registry, and
 * the CLI, refused when it reconnects, ends with the platform's sentence.
 */
class TunnelRevocationTest {

    private static final Duration CUT = Duration.ofSeconds(2);

    @RegisterExtension
    final PlatformExtension<Platform> started = PlatformExtension.starting(
            dir -> Platform.start(FerryConfig.ephemeral(dir).withTunnelPort(FerryConfig.EPHEMERAL)));

    @TempDir
    Path gatewayDir;

    @TempDir
    Path home;

    private Platform platform;
    private Cli admin;
    private Api api;
    private NewUser bob;

    @BeforeEach
    void start() throws Exception {
        platform = started.get();
        admin = new Cli(platform.apiPort(), platform.adminToken().token(), home);
        api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
        assertThat(admin.run("apps:create", "hello").exit()).isZero();
        UserId adminId = platform.store().userByEmail("admin@localhost").orElseThrow().id();
        bob = platform.store().createUser("bob@example.com", false, adminId);
        platform.store().addCollaborator(AppName.of("hello"), "bob@example.com", adminId);
    }

    @Test
    void removingTheCollaboratorClosesTheirTunnelWithinTwoSeconds() throws Exception {
        try (Backend device = Backend.start("device")) {
            AtomicReference<CommandRunner.Result> result = new AtomicReference<>();
            Thread tunnel = tunnel(bob.firstToken().secret(), device, result);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(api.viaRouter("hello--dev.localhost", "/").body()).isEqualTo("backend device\n"));

            long revokedAt = System.nanoTime();
            CommandRunner.Result removed = admin.run("access:remove", "bob@example.com", "-a", "hello");
            assertThat(removed.exit()).as(removed.err()).isZero();

            awaitCut(revokedAt);
            tunnel.join(10_000);
            assertThat(tunnel.isAlive()).isFalse();
            assertThat(result.get().exit()).isEqualTo(1);
            assertThat(result.get().err()).contains("Couldn't find an app named hello.");
        }
    }

    @Test
    void revokingTheTokenClosesTheTunnelOnASeparateGatewayWithinTwoSeconds() throws Exception {
        NewToken laptop = platform.store().createToken(bob.user().id(), "laptop");
        SeparateGateway second = SeparateGateway.start(new SeparateGateway.Settings(
                URI.create("http://127.0.0.1:" + platform.apiPort()), platform.adminToken().token(), secondAddress(), 0,
                gatewayDir));
        try (Backend device = Backend.start("device")) {
            AtomicReference<CommandRunner.Result> result = new AtomicReference<>();
            Thread tunnel = tunnel(laptop.secret(), device, result);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(second.tunnelCount()).isEqualTo(1);
                assertThat(platform.registry().table().route("hello--dev.localhost").endpoints()).hasSize(2);
            });

            long revokedAt = System.nanoTime();
            CommandRunner.Result revoked = new Cli(platform.apiPort(), bob.firstToken().secret(), home)
                    .run("tokens:revoke", laptop.token().id());
            assertThat(revoked.exit()).as(revoked.err()).isZero();

            await().atMost(CUT).until(() -> second.tunnelCount() == 0);
            awaitCut(revokedAt);
            tunnel.join(10_000);
            assertThat(tunnel.isAlive()).isFalse();
            assertThat(result.get().exit()).isEqualTo(1);
            assertThat(result.get().err()).contains("token is not valid");
        } finally {
            second.close();
        }
    }

    private Thread tunnel(String token, Backend device, AtomicReference<CommandRunner.Result> result) {
        Cli cli = new Cli(platform.apiPort(), token, home);
        return Thread.ofPlatform().name("ferry-tunnel-cli").start(() ->
                result.set(cli.run("tunnel", String.valueOf(device.port()), "-a", "hello")));
    }

    /** Within 2 s of {@code revokedAt}, the preview name has no endpoint left and no request reaches the device. */
    private void awaitCut(long revokedAt) throws Exception {
        await().atMost(CUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            Route route = platform.registry().table().route("hello--dev.localhost");
            return route == null || route.endpoints().isEmpty();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(CUT);
        assertThat(api.viaRouter("hello--dev.localhost", "/").body()).doesNotContain("backend device");
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
