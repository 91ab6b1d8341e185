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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code ferry up} JVM that runs an app at web=2, then a restart: the same formation runs
 * again, without a duplicate process left over from the killed run.
 */
class PlatformKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void bringsBackTheSameFormationWithoutDuplicatesAfterAKill() throws Exception {
        String marker = "ferry-kill-test-" + UUID.randomUUID();
        ChildFerry ferry = new ChildFerry(dir);
        try {
            ferry.start("first");
            Api api = ferry.api();
            assertThat(api.post("/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
            assumeTrue(api.get("/api/apps/hello/ps").statusCode() == 200, "this build of Ferry has no runtime");
            PythonApp app = PythonApp.create(dir.resolve("app"), dir.resolve("home"), ferry.adminToken(),
                    "/usr/bin/python3 server.py " + marker);
            Git.Result pushed = app.push("http://127.0.0.1:" + ferry.apiPort + "/git/hello.git");
            assertThat(pushed.exit()).as(pushed.output()).isZero();
            assertThat(api.patch("/api/apps/hello/formation", "{\"web\":2}").statusCode()).isEqualTo(200);
            await().atMost(START).until(() -> upPids(api).size() == 2);
            assertThat(serverProcesses(marker)).hasSize(2);
            List<Integer> ports = upPorts(api);
            if (Files.isExecutable(Path.of("/usr/bin/pasta"))) {
                assertThat(networkHelpers(ports)).hasSize(2);
            }

            ferry.kill();
            // the network helpers of instances in their own namespace die with Ferry, not at its next start
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(networkHelpers(ports)).isEmpty());
            ferry.start("second");

            Api again = ferry.api();
            await().atMost(START).until(() -> upPids(again).size() == 2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serverProcesses(marker)).hasSize(2));
            for (long pid : upPids(again)) {
                assertThat(ProcessHandle.of(pid)).as("pid %d of ps", pid).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            }
            assertThat(again.viaRouter("hello.localhost", "/").statusCode()).as(ferry.log("second")).isEqualTo(200);
        } finally {
            // a graceful stop would drain the instances for up to 30 s; kill it and its instances instead
            ferry.kill();
            // ours only: each such process carries this test's marker
            for (long pid : serverProcesses(marker)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static List<Long> upPids(Api api) throws Exception {
        List<Long> pids = new ArrayList<>();
        for (JsonNode p : JSON.readTree(api.get("/api/apps/hello/ps").body())) {
            if (p.get("state").asText().equals("up") && p.get("type").asText().equals("web")) {
                pids.add(p.get("pid").asLong());
            }
        }
        return pids;
    }

    private static List<Integer> upPorts(Api api) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : JSON.readTree(api.get("/api/apps/hello/ps").body())) {
            ports.add(p.get("port").asInt());
        }
        return ports;
    }

    /** pasta processes forwarding one of these ports ({@code -t 127.0.0.1/<port>}). */
    private static List<ProcessHandle> networkHelpers(List<Integer> ports) {
        return ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(List::of)
                .map(args -> ports.stream().anyMatch(port -> args.contains("127.0.0.1/" + port))).orElse(false)).toList();
    }

    /** The Python servers on this machine whose command line carries the marker (not their sandbox wrappers). */
    private static List<Long> serverProcesses(String marker) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                String[] argv;
                try {
                    argv = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
                } catch (IOException gone) {
                    continue;
                }
                if (argv.length > 0 && argv[0].endsWith("python3") && List.of(argv).contains(marker)) {
                    found.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        }
        return found;
    }
}
