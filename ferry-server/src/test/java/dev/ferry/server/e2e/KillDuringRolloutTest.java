package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code ferry up} in the middle of a rolling deploy (v2's instances still booting
 * while v1's serve), then a start on the same data directory: with no one acting, the reconciler fails the
 * interrupted release and runs the last live one at the formation, and nothing of the killed run is left.
 */
class KillDuringRolloutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void rollsBackToTheLastLiveReleaseWithExactlyTheFormationAfterAKillMidRollout() throws Exception {
        String v1 = "ferry-rollout-v1-" + UUID.randomUUID();
        String v2 = "ferry-rollout-v2-" + UUID.randomUUID();
        ChildFerry ferry = new ChildFerry(dir);
        CompletableFuture<Git.Result> secondPush = null;
        try {
            ferry.start("first");
            Api api = ferry.api();
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            assumeTrue(api.get("/api/apps/hello/ps").statusCode() == 200, "this build of Ferry has no runtime");
            PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), ferry.adminToken(),
                    "/usr/bin/python3 server.py " + v1);
            String remote = "http://127.0.0.1:" + ferry.apiPort + "/git/hello.git";
            Git.Result pushed = app.push(remote);
            assertThat(pushed.exit()).as(pushed.output()).isZero();
            assertThat(api.patch("/api/apps/hello/formation", "{\"web\":2}").statusCode()).isEqualTo(200);
            await().atMost(START).until(() -> instances(api, "up", 1).size() == 2);

            // v2's instances take 40 s before they listen: the rollout is still running when Ferry is killed
            app.commit("Procfile", "web: sleep 40; exec /usr/bin/python3 server.py " + v2 + "\n").version("v2");
            PythonApp pushing = app;
            secondPush = CompletableFuture.supplyAsync(() -> pushing.push(remote));
            // the rollout's new instances are not listed until they take over: look for their processes
            await().atMost(START).until(() -> anyWith(v2).size() >= 2 || secondPushEnded(api));
            assertThat(secondPushEnded(api)).as("the rollout of v2 still runs; log: %s", ferry.log("first")).isFalse();
            assertThat(instances(api, "up", 1)).as("v1 serves while v2 boots").hasSize(2);

            ferry.kill();
            assertThat(secondPush.get(30, TimeUnit.SECONDS).exit()).as("the push whose Ferry was killed").isNotZero();
            ferry.start("second");

            Api again = ferry.api();
            await().atMost(START).until(() -> instances(again, "up", 1).size() == 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(servers(v1)).as("v1's servers").hasSize(2);
                assertThat(anyWith(v2)).as("anything of v2").isEmpty();
            });
            JsonNode ps = JSON.readTree(again.get("/api/apps/hello/ps").body());
            assertThat(ps).as(ps.toString()).hasSize(2);
            for (JsonNode p : ps) {
                assertThat(p.get("release").asInt()).isEqualTo(1);
                assertThat(ProcessHandle.of(p.get("pid").asLong())).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
            }
            JsonNode releases = JSON.readTree(again.get("/api/apps/hello/releases").body());
            assertThat(releases.get(0).get("version").asInt()).isEqualTo(2);
            assertThat(releases.get(0).get("status").asText()).isEqualTo("failed");
            assertThat(releases.get(0).get("failure").asText()).isEqualTo("Ferry stopped before the deploy finished");
            assertThat(again.viaRouter("hello.localhost", "/").body()).as(ferry.log("second")).startsWith("hello v1 web.");
        } finally {
            // a graceful stop would drain the instances for up to 30 s; kill it and its instances instead
            ferry.kill();
            if (secondPush != null) {
                secondPush.cancel(true);
            }
            for (long pid : servers(v1)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            for (long pid : anyWith(v2)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** True once the second push's release exists and is no longer pending (it should not be, mid-rollout). */
    private static boolean secondPushEnded(Api api) throws Exception {
        JsonNode releases = JSON.readTree(api.get("/api/apps/hello/releases").body());
        return releases.size() > 1 && !releases.get(0).get("status").asText().equals("pending");
    }

    /** The app's web instances in {@code state} of release {@code version}, as {@code ps} lists them. */
    private static List<JsonNode> instances(Api api, String state, int version) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode p : JSON.readTree(api.get("/api/apps/hello/ps").body())) {
            if (p.get("state").asText().equals(state) && p.get("release").asInt() == version
                    && p.get("type").asText().equals("web")) {
                found.add(p);
            }
        }
        return found;
    }

    /** The Python servers on this machine whose command line carries the marker (not their sandbox wrappers). */
    private static List<Long> servers(String marker) throws IOException {
        return processes(argv -> argv.length > 0 && argv[0].endsWith("python3") && List.of(argv).contains(marker));
    }

    /** Every process on this machine whose command line carries the marker anywhere (wrappers, shells, servers). */
    private static List<Long> anyWith(String marker) throws IOException {
        return processes(argv -> String.join(" ", argv).contains(marker));
    }

    private static List<Long> processes(Predicate<String[]> matching) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                String[] argv;
                try {
                    argv = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
                } catch (IOException gone) {
                    continue;
                }
                if (matching.test(argv)) {
                    found.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        }
        return found;
    }
}
