package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code ferry up} JVM while an instance runs: the next start closes the instance's lifetime
 * at what was last written (never after the kill), so usage is never counted for time Ferry did not see.
 */
class UsageAfterKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void closesTheLifetimeAKilledFerryLeftOpenAtTheNextStart() throws Exception {
        ChildFerry ferry = new ChildFerry(dir);
        long pid = 0;
        try {
            ferry.start("first");
            Api api = ferry.api();
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            assumeTrue(api.get("/api/apps/hello/ps").statusCode() == 200, "this build of Ferry has no runtime");
            PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), ferry.adminToken());
            Git.Result pushed = app.push("http://127.0.0.1:" + ferry.apiPort + "/git/hello.git");
            assertThat(pushed.exit()).as(pushed.output()).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> upPid(api) != 0);
            pid = upPid(api);
            Instant started = ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow();
            Thread.sleep(1500);

            ferry.kill();
            Instant killed = Instant.now();
            ferry.start("second");

            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/ferry.db"));
                 PreparedStatement q = db.prepareStatement("SELECT started_at, last_seen_at, stopped_at"
                         + " FROM usage_instances WHERE id LIKE ?")) {
                q.setString(1, "hello/web.1/" + pid + "/%");
                try (ResultSet row = q.executeQuery()) {
                    assertThat(row.next()).as("the run of pid " + pid).isTrue();
                    long start = row.getLong(1);
                    long stop = row.getLong(3);
                    assertThat(row.wasNull()).as("closed at the next start").isFalse();
                    assertThat(stop).isEqualTo(row.getLong(2));
                    assertThat(Math.abs(start - started.toEpochMilli())).isLessThanOrEqualTo(1000);
                    assertThat(stop).isBetween(start, killed.toEpochMilli());
                }
            }
        } finally {
            ferry.kill();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static long upPid(Api api) throws Exception {
        for (JsonNode p : JSON.readTree(api.get("/api/apps/hello/ps").body())) {
            if (p.get("state").asText().equals("up")) {
                return p.get("pid").asLong();
            }
        }
        return 0;
    }
}
