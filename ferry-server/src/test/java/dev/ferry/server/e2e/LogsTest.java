package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.testing.CommandRunner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app's log stream through the platform: lines appended, router lines, {@code ferry logs} and a drain. */
class LogsTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    @Test
    void showsAppendedLinesAndRouterLinesWithFerryLogsAndKeepsThemAcrossRestarts() throws Exception {
        try (Backend backend = Backend.start("hello-backend")) {
            try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
                Cli cli = new Cli(platform.apiPort(), platform.adminToken().token(), home);
                assertThat(cli.run("apps:create", "hello").exit()).isZero();
                platform.appLogs().append(new LogLine(Instant.parse("2026-11-24T14:00:00.123456Z"), HELLO, LogLine.APP,
                        "web.1", "Listening on 5000"));

                CommandRunner.Result logs = cli.run("logs", "-a", "hello");
                assertThat(logs.exit()).as(logs.err()).isZero();
                assertThat(logs.out()).isEqualTo("2026-11-24T14:00:00.123456+00:00 app[web.1]: Listening on 5000\n");

                Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
                api.post("/api/routes", "{\"domain\":\"hello.localhost\",\"targetUrl\":\"" + backend.url() + "\",\"force\":true}").body();
                await().atMost(Duration.ofSeconds(10)).until(() -> api.viaRouter("hello.localhost", "/hi?x=1").statusCode() == 200);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cli.run("logs", "-a", "hello", "-p", "router").out())
                        .containsPattern("router\\[router\\]: at=info method=GET path=\"/hi\\?x=1\" host=hello.localhost "
                                + "request_id=\\S+ dyno=127.0.0.1:\\d+ service=\\d+ms status=200 bytes=\\d+ protocol=http"));
            }
            try (Platform again = Platform.start(FerryConfig.ephemeral(dataDir))) {
                Cli cli = new Cli(again.apiPort(), again.adminToken().token(), home);
                assertThat(cli.run("logs", "-a", "hello", "-p", "web").out()).contains("app[web.1]: Listening on 5000");
            }
        }
    }

    @Test
    void sendsTheStreamToASyslogDrainAddedWithTheCli() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket receiver = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Platform platform = Platform.start(FerryConfig.ephemeral(dataDir)
                     .withDrainAllow(List.of("127.0.0.1:" + receiver.getLocalPort())))) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = receiver.accept(); InputStream in = s.getInputStream()) {
                    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                    for (int b = in.read(); b != -1; b = in.read()) {
                        buffer.write(b);
                        received.add(buffer.toString(StandardCharsets.UTF_8));
                    }
                } catch (Exception e) {
                    // the test ended
                }
            });
            Cli cli = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            assertThat(cli.run("apps:create", "hello").exit()).isZero();
            CommandRunner.Result added = cli.run("drains:add", "syslog://127.0.0.1:" + receiver.getLocalPort(), "-a", "hello");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(cli.run("drains", "-a", "hello").out()).contains("syslog://127.0.0.1:" + receiver.getLocalPort());

            platform.appLogs().append(new LogLine(Instant.now(), HELLO, LogLine.FERRY, "api", "Scaled web to 2"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty()
                    && received.getLast().matches("\\d+ <190>1 \\S+ hello ferry api - - Scaled web to 2"));
        }
    }

    @Test
    void refusesDrainsToLoopbackAndThePlatformsOwnPortsWithA422() throws Exception {
        try (Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Cli cli = new Cli(platform.apiPort(), platform.adminToken().token(), home);
            assertThat(cli.run("apps:create", "hello").exit()).isZero();
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            for (String url : List.of("syslog://127.0.0.1:" + platform.apiPort(), "syslog://localhost:2222",
                    "syslog://[::1]:2222", "syslog://2130706433:2222", "syslog://0:2222",
                    "http://169.254.169.254/latest/meta-data", "https://10.0.0.1/logs")) {
                var response = api.post("/api/apps/hello/drains", "{\"url\":\"" + url + "\"}");
                assertThat(response.statusCode()).as(url).isEqualTo(422);
                assertThat(response.body()).as(url).contains("invalid_drain_url")
                        .contains("drains send only to public addresses");
            }
            CommandRunner.Result refused = cli.run("drains:add", "syslog://127.0.0.1:" + platform.apiPort(), "-a", "hello");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("a loopback address").contains("--drain-allow");
            assertThat(cli.run("drains", "-a", "hello").out()).doesNotContain("syslog://");
        }
    }
}
