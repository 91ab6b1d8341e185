package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A sandboxed app sees its own files at /app and cannot read another app's files or Ferry's data directory. */
class SandboxTest {

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(dir -> {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")) || Files.isExecutable(Path.of("/bin/bwrap")),
                "bubblewrap (bwrap) is not installed");
        return new RuntimePlatform(dir);
    });

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        assertThat(ferry.platform.runtime().orElseThrow().sandboxed()).as(ferry.platform.runtime().get().isolation()).isTrue();
        ferry.createApp("alpha");
        ferry.createApp("beta");
    }

    @Test
    void keepsAnAppOutOfAnotherAppsFilesAndTheDataDirectory() throws Exception {
        String secret = "secret-" + UUID.randomUUID();
        PythonApp alpha = PythonApp.create(work.resolve("alpha"), work.resolve("home"), ferry.token);
        alpha.commit("secret.txt", secret + "\n");
        assertThat(alpha.push(ferry.remote("alpha")).exit()).isZero();
        PythonApp beta = PythonApp.create(work.resolve("beta"), work.resolve("home"), ferry.token);
        assertThat(beta.push(ferry.remote("beta")).exit()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> ferry.up("alpha", "web") == 1 && ferry.up("beta", "web") == 1);
        List<Path> alphaCopies;
        try (Stream<Path> files = Files.walk(platform.dataDir())) {
            alphaCopies = files.filter(p -> p.getFileName().toString().equals("secret.txt")).toList();
        }
        Cli cli = ferry.cli(work.resolve("home"));

        CommandRunner.Result own = cli.run("run", "-a", "alpha", "cat /app/secret.txt");
        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(own.out()).isEqualTo(secret + "\n");

        CommandRunner.Result atApp = cli.run("run", "-a", "beta", "cat /app/secret.txt");
        assertThat(atApp.exit()).isNotZero();
        assertThat(atApp.out()).doesNotContain(secret);
        for (Path copy : alphaCopies) {
            CommandRunner.Result r = cli.run("run", "-a", "beta", "cat '" + copy + "'");
            assertThat(r.exit()).as(copy.toString()).isNotZero();
            assertThat(r.out()).doesNotContain(secret);
        }
        CommandRunner.Result token = cli.run("run", "-a", "beta", "cat '" + platform.dataDir().resolve("admin-token") + "'");
        assertThat(token.exit()).isNotZero();
        assertThat(token.out()).doesNotContain(ferry.token);
        CommandRunner.Result listing = cli.run("run", "-a", "beta", "ls -A '" + platform.dataDir() + "' 2>/dev/null | wc -l");
        assertThat(listing.out().strip()).isEqualTo("0");
    }

    @Test
    void keepsAnAppOffTheHostsLoopbackServicesAndOtherAppsInstancesButLetsItReachTheRouter() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/pasta")), "pasta (Debian's passt) is not installed");
        PythonApp alpha = PythonApp.create(work.resolve("alpha"), work.resolve("home"), ferry.token);
        assertThat(alpha.push(ferry.remote("alpha")).exit()).isZero();
        PythonApp beta = PythonApp.create(work.resolve("beta"), work.resolve("home"), ferry.token);
        assertThat(beta.push(ferry.remote("beta")).exit()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> ferry.up("alpha", "web") == 1 && ferry.up("beta", "web") == 1);
        int betaPort = ferry.json("/api/apps/beta/ps").get(0).get("port").asInt();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket hostService = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try (java.net.Socket c = hostService.accept()) {
                        accepted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            String probe = "for p in " + ferry.platform.apiPort() + " " + betaPort + " " + hostService.getLocalPort()
                    + "; do if timeout 3 bash -c \"exec 3<>/dev/tcp/127.0.0.1/$p\" 2>/dev/null; then echo reached $p;"
                    + " else echo refused $p; fi; done; bash -c \"exec 3<>/dev/tcp/127.0.0.1/" + ferry.platform.httpPort()
                    + " && printf 'GET / HTTP/1.0\\r\\nHost: beta.localhost\\r\\n\\r\\n' >&3 && head -1 <&3\"";
            CommandRunner.Result r = ferry.cli(work.resolve("home")).run("run", "-a", "alpha", probe);

            assertThat(r.out()).as(r.err()).contains("refused " + ferry.platform.apiPort(), "refused " + betaPort,
                    "refused " + hostService.getLocalPort()).contains("HTTP/1.1 200");
            assertThat(accepted).hasValue(0);
        }
        // the router still reaches both apps' instances from the host
        assertThat(ferry.admin.viaRouter("beta.localhost", "/").statusCode()).isEqualTo(200);
        assertThat(ferry.admin.viaRouter("alpha.localhost", "/").statusCode()).isEqualTo(200);
    }
}
