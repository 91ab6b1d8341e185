package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.store.AppName;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each sandboxed instance and one-off process has its own network: the host's loopback services (a server this
 * test starts stands for the control API, SSH, the store's servers, tunnel agents) and other apps' instances
 * are out of reach, the router's published port is not, and the router (here: a client on the host's loopback)
 * still reaches the instance.
 */
class NetworkIsolationTest {

    /** Tries each port on 127.0.0.1 and on [::1], printing {@code reached <port>} or {@code refused <port>}. */
    private static final String PROBE = """
            for p in "$@"; do
              if timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null \
                  || timeout 3 bash -c "exec 3<>/dev/tcp/::1/$p" 2>/dev/null; then
                echo "reached $p"
              else
                echo "refused $p"
              fi
            done
            """;

    @TempDir
    Path tmp;
    TestApps apps;
    LocalRuntime runtime;
    ServerSocket hostService;
    ServerSocket router;
    final AtomicInteger hostServiceAccepted = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        hostService = listen(hostServiceAccepted);
        router = listen(new AtomicInteger());
        apps = new TestApps(tmp);
        runtime = apps.runtime(apps.config().routerPorts(List.of(router.getLocalPort())).build());
    }

    @AfterEach
    void stop() throws IOException {
        runtime.close();
        hostService.close();
        router.close();
    }

    @Test
    void instanceReachesNeitherHostLoopbackServicesNorOtherAppsButTheRouterReachesIt() throws Exception {
        assumeThat(runtime.isSandboxed() && Files.isExecutable(Path.of("/usr/bin/pasta"))).as("bubblewrap and pasta")
                .isTrue();
        String slug = apps.slug("s1", Map.of("server.py", TestApps.SERVER, "probe.sh", PROBE));
        runtime.deploy(TestApps.webRelease("other", 1, slug, Map.of()), TestApps.formation("other", Map.of("web", 1)),
                l -> { });
        int otherPort = runtime.instances(AppName.of("other")).get(0).port();
        assertThat(apps.get(otherPort, "/").getKey()).isEqualTo(200);

        String probe = "bash probe.sh " + hostService.getLocalPort() + " " + otherPort + " " + router.getLocalPort()
                + "; exec python3 -u server.py";
        var result = runtime.deploy(TestApps.release("hello", 1, slug, Map.of("web", probe), Map.of("VERSION", "v1")),
                TestApps.formation("hello", Map.of("web", 1)), l -> { });
        assertThat(result.succeeded()).as(result.reason()).isTrue();
        int port = runtime.instances(AppName.of("hello")).get(0).port();

        await().atMost(Duration.ofSeconds(10)).until(() -> apps.logs.texts("web.1").stream()
                .anyMatch(l -> l.startsWith("reached " + router.getLocalPort())));
        assertThat(apps.logs.texts("web.1")).contains("refused " + hostService.getLocalPort(), "refused " + otherPort,
                "reached " + router.getLocalPort());
        assertThat(hostServiceAccepted).hasValue(0);
        assertThat(apps.get(port, "/").getValue()).isEqualTo("ok v1 web.1");
    }

    @Test
    void oneOffProcessHasItsOwnNetworkToo() throws Exception {
        assumeThat(runtime.isSandboxed() && Files.isExecutable(Path.of("/usr/bin/pasta"))).as("bubblewrap and pasta")
                .isTrue();
        String slug = apps.slug("s1", Map.of("server.py", TestApps.SERVER, "probe.sh", PROBE));
        var p = runtime.run(TestApps.webRelease("hello", 1, slug, Map.of()),
                "bash probe.sh " + hostService.getLocalPort() + " " + router.getLocalPort(), Map.of());
        String out = new String(p.output().readAllBytes());
        assertThat(p.waitFor()).isZero();

        assertThat(out).contains("refused " + hostService.getLocalPort(), "reached " + router.getLocalPort());
        assertThat(hostServiceAccepted).hasValue(0);
    }

    @Test
    void stopsTheNetworkHelperWithTheInstance() throws Exception {
        assumeThat(runtime.isSandboxed() && Files.isExecutable(Path.of("/usr/bin/pasta"))).as("bubblewrap and pasta")
                .isTrue();
        String slug = apps.serverSlug("s1");
        runtime.deploy(TestApps.webRelease("hello", 1, slug, Map.of()), TestApps.formation("hello", Map.of("web", 1)),
                l -> { });
        int port = runtime.instances(AppName.of("hello")).get(0).port();
        assertThat(helpersForwarding(port)).hasSize(1);

        runtime.stop(AppName.of("hello"), "web");

        await().atMost(Duration.ofSeconds(10)).until(() -> helpersForwarding(port).isEmpty());
        // a killed process's listening socket closes a moment after its command line is gone
        await().atMost(Duration.ofSeconds(5)).until(() -> !accepts(port));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<ProcessHandle> helpersForwarding(int port) {
        return ProcessHandle.allProcesses().filter(h -> h.info().arguments()
                .map(a -> List.of(a).contains("127.0.0.1/" + port)).orElse(false)).toList();
    }

    private static ServerSocket listen(AtomicInteger accepted) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        return s;
    }
}
