package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testing.FreePorts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry up} in a child JVM, killed with {@code kill -9} (destroyForcibly) during a stream of config
 * changes: after a restart every acknowledged change is there, and at most the one in flight beyond them.
 */
class KillDuringConfigWritesTest {

    private static final int ACKS_BEFORE_KILL = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The API port of each started child, by pid. */
    private final Map<Long, Integer> ports = new HashMap<>();

    @Test
    void losesNoAcknowledgedConfigChangeWhenFerryUpIsKilled() throws Exception {
        Path dataDir = dir.resolve("data");
        AtomicInteger acked = new AtomicInteger(-1);
        Process first = startFerryUp(dataDir, "first");
        int apiPort = apiPortOf(first);
        try {
            Api api = new Api(apiPort, 0, adminToken(dataDir));
            assertThat(api.post("/api/apps", "{\"name\":\"durable\"}").statusCode()).isEqualTo(201);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    try {
                        HttpResponse<String> r = api.patch("/api/apps/durable/config", "{\"K" + i + "\":\"value " + i + "\"}");
                        if (r.statusCode() != 200) {
                            return;
                        }
                        acked.set(i);
                    } catch (IOException | InterruptedException e) {
                        return; // the platform was killed mid-request
                    }
                }
            }, "config-writer");
            writer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acked.get() + 1 < ACKS_BEFORE_KILL && writer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            writer.join(TimeUnit.SECONDS.toMillis(15));
            assertThat(writer.isAlive()).isFalse();
        } finally {
            first.destroyForcibly();
        }
        int lastAcked = acked.get();
        assertThat(lastAcked + 1).as("acknowledged before the kill; child log: %s", log(dir, "first"))
                .isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        Process second = startFerryUp(dataDir, "second");
        try {
            Api api = new Api(apiPortOf(second), 0, adminToken(dataDir));
            JsonNode config = JSON.readTree(api.get("/api/apps/durable/config").body());
            for (int i = 0; i <= lastAcked; i++) {
                assertThat(config.path("K" + i).asText(null)).as("K%d of %d acknowledged", i, lastAcked + 1)
                        .isEqualTo("value " + i);
            }
            assertThat(config.size()).as("at most the change in flight landed beyond the acknowledged ones")
                    .isBetween(lastAcked + 1, lastAcked + 2);
            JsonNode releases = JSON.readTree(api.get("/api/apps/durable/releases?limit=1").body());
            assertThat(releases.get(0).get("version").asInt()).isEqualTo(config.size());
        } finally {
            second.destroyForcibly();
            second.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startFerryUp(Path dataDir, String name) throws IOException {
        int apiPort = FreePorts.loopback();
        int httpPort = FreePorts.loopback();
        Process p = ChildFerry.launch(dir, dataDir, httpPort, apiPort, name);
        ports.put(p.pid(), apiPort);
        return p;
    }

    /** Waits (at most 60 s) until the child's API answers its health check, and returns its port. */
    private int apiPortOf(Process p) throws Exception {
        int port = ports.get(p.pid());
        Api api = new Api(port, 0, "none");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (api.unauthenticated("/api/health").statusCode() == 200) {
                    return port;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ferry up did not start (alive " + p.isAlive() + "); log: " + log(dir, "first") + log(dir, "second"));
    }

    private static String adminToken(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("admin-token")).strip();
    }

    private static String log(Path dir, String name) {
        try {
            Path f = dir.resolve(name + ".log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
