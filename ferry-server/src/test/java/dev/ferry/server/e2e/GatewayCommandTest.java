package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Main;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ferry gateway} as a child process next to a platform: it registers (agents are told about
 * it), and on SIGTERM deregisters and exits; a bad admin token stops it with one clear line.
 */
class GatewayCommandTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path dir;

    @Test
    void registersAndDeregistersOnSigterm() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir).withTunnelPort(FerryConfig.EPHEMERAL))) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            int port = FreePorts.loopback();
            Process gateway = gateway(platform, dataDir.resolve("admin-token"), port, "gateway.log");
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(api.get("/api/apps/hello/tunnel").body()).contains("\"port\":" + port);
                    assertThat(Files.readString(dir.resolve("out-gateway.log"))).contains("listening on 127.0.0.1:" + port);
                });
                gateway.destroy();
                assertThat(gateway.waitFor(15, TimeUnit.SECONDS)).isTrue();
                // The JVM reports a SIGTERM it handled with its shutdown hooks as 128 + 15.
                assertThat(gateway.exitValue()).isIn(0, 143);
                assertThat(api.get("/api/apps/hello/tunnel").body()).doesNotContain("\"port\":" + port);
            } finally {
                gateway.destroyForcibly();
            }
        }
    }

    @Test
    void refusesABadAdminTokenWithOneLine() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir).withTunnelPort(FerryConfig.EPHEMERAL))) {
            Path bad = Files.writeString(dir.resolve("bad-token"), "ferry_not-a-token\n");
            Process gateway = gateway(platform, bad, FreePorts.loopback(), "bad.log");
            try {
                assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(gateway.exitValue()).isEqualTo(1);
                String log = Files.readString(dir.resolve("bad.log"));
                assertThat(log.lines().filter(l -> l.startsWith("ferry:"))).as(log)
                        .containsExactly("ferry: the control API at http://127.0.0.1:" + platform.apiPort() + " refused the gateway's admin token: the bearer token is not valid (unknown or revoked)");
            } finally {
                gateway.destroyForcibly();
            }
        }
    }

    private Process gateway(Platform platform, Path tokenFile, int port, String log) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "gateway", "--api-url", "http://127.0.0.1:" + platform.apiPort(), "--bind", "127.0.0.1",
                "--port", String.valueOf(port), "--data-dir", dir.resolve("gw").toString(), "--token-file", tokenFile.toString())
                .redirectError(dir.resolve(log).toFile())
                .redirectOutput(dir.resolve("out-" + log).toFile());
        pb.environment().remove("FERRY_API_TOKEN");
        return pb.start();
    }
}
