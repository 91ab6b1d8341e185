package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry up} stopped by SIGTERM, as systemd stops it, while a slow request is in flight: the router stops
 * accepting at once, the request completes, the app's instance stops, and the process exits 0 well within the
 * unit's {@code TimeoutStopSec} (deploy/systemd/ferry.service).
 */
class GracefulStopTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers {@code /slow} after 4 s, anything else at once. */
    private static final String SLOW_SERVER = """
            import http.server, os, time
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_GET(self):
                    if self.path == "/slow":
                        time.sleep(4)
                    body = ("done %s\\n" % self.path).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer(("", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    @TempDir
    Path dir;

    @Test
    void finishesTheRequestInFlightStopsTheAppsAndExitsZeroOnSigterm() throws Exception {
        ChildFerry ferry = new ChildFerry(dir);
        try {
            Process up = ferry.start("up");
            Api api = ferry.api();
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            assumeTrue(api.get("/api/apps/hello/ps").statusCode() == 200, "this build of Ferry has no runtime");
            PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), ferry.adminToken(),
                    "/usr/bin/python3 slow.py").commit("slow.py", SLOW_SERVER);
            Git.Result pushed = app.push("http://127.0.0.1:" + ferry.apiPort + "/git/hello.git");
            assertThat(pushed.exit()).as(pushed.output()).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.viaRouter("hello.localhost", "/").statusCode() == 200);
            long instance = JSON.readTree(api.get("/api/apps/hello/ps").body()).get(0).get("pid").asLong();

            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.viaRouter("hello.localhost", "/slow");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000); // the request is at the app now
            long signalled = System.nanoTime();
            up.destroy(); // SIGTERM

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", ferry.httpPort), 500);
                }
            }).isInstanceOf(ConnectException.class));
            HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("done /slow\n");

            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as(ferry.log("up")).isTrue();
            assertThat(up.exitValue()).as(ferry.log("up")).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
            assertThat(ProcessHandle.of(instance).map(ProcessHandle::isAlive)).as("the app's instance").isNotEqualTo(
                    java.util.Optional.of(true));
            assertThat(ferry.log("up")).contains("ferry: SIGTERM: stopping");
        } finally {
            ferry.kill();
        }
    }
}
