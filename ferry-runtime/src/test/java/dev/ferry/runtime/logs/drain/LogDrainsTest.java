package dev.ferry.runtime.logs.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Drain;
import dev.ferry.runtime.logs.DiskAppLogs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDrainsTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final String RFC5424 =
            "<190>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 hello app web\\.1 - - ";

    @TempDir
    Path dir;

    private DiskAppLogs logs;
    private final MemoryDrainStore store = new MemoryDrainStore();
    private LogDrains drains;

    @BeforeEach
    void open() {
        logs = DiskAppLogs.open(dir.resolve("logs"));
    }

    @AfterEach
    void close() {
        if (drains != null) {
            drains.close();
        }
        logs.close();
    }

    /** Starts the drains, allowing the test's receivers ({@code host:port}) on loopback. */
    private void start(DrainConfig config, String... allowed) {
        start(config, DrainAddressPolicy.allowing(List.of(allowed)));
    }

    private void start(DrainConfig config, DrainAddressPolicy targets) {
        drains = new LogDrains(logs, store, config, targets).start();
    }

    private void append(String text) {
        logs.append(new LogLine(Instant.now(), HELLO, LogLine.APP, "web.1", text));
    }

    @Test
    void sendsOctetCountedRfc5424MessagesOverTcp() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(0, null)) {
            store.add(HELLO, "syslog://127.0.0.1:" + receiver.port());
            start(DrainConfig.DEFAULT, "127.0.0.1:" + receiver.port());
            append("hello there");
            append("grüße, 2 spaces  here");
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.messages.size() == 2);
            assertThat(receiver.messages.get(0)).matches(RFC5424 + "hello there");
            assertThat(receiver.messages.get(1)).matches(RFC5424 + "grüße, 2 spaces  here");
        }
    }

    @Test
    void sendsOverTlsTrustingTheConfiguredCertificate() throws Exception {
        SelfSignedTls tls = new SelfSignedTls(dir);
        try (SyslogReceiver receiver = new SyslogReceiver(0, tls.server)) {
            store.add(HELLO, "syslog+tls://127.0.0.1:" + receiver.port());
            start(DrainConfig.DEFAULT.withTls(tls.client), "127.0.0.1:" + receiver.port());
            append("secret line");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.messages.size() == 1);
            assertThat(receiver.messages.getFirst()).matches(RFC5424 + "secret line");
        }
    }

    @Test
    void refusesACertificateTheTrustStoreDoesNotKnow() throws Exception {
        SelfSignedTls tls = new SelfSignedTls(dir);
        try (SyslogReceiver receiver = new SyslogReceiver(0, tls.server)) {
            Drain drain = store.add(HELLO, "syslog+tls://127.0.0.1:" + receiver.port());
            start(DrainConfig.DEFAULT.withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).withQueueLines(5),
                    "127.0.0.1:" + receiver.port());
            // The sender holds the batch it could not send; further lines fill its queue and push out the oldest.
            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                append("line " + n.incrementAndGet());
                return drains.dropped(drain.token()).orElse(0L) >= 4;
            });
            assertThat(receiver.messages).isEmpty();
        }
    }

    @Test
    void reconnectsAfterTheReceiverRestarts() throws Exception {
        int port;
        try (SyslogReceiver first = new SyslogReceiver(0, null)) {
            port = first.port();
            store.add(HELLO, "syslog://127.0.0.1:" + port);
            start(DrainConfig.DEFAULT.withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)), "127.0.0.1:" + port);
            append("before");
            await().atMost(Duration.ofSeconds(5)).until(() -> first.messages.size() == 1);
        }
        // The old listening socket may take a moment to be released.
        SyslogReceiver[] bound = new SyslogReceiver[1];
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> (bound[0] = new SyslogReceiver(port, null)) != null);
        try (SyslogReceiver second = bound[0]) {
            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                append("after " + n.incrementAndGet());
                return !second.messages.isEmpty();
            });
            assertThat(second.messages.getFirst()).matches(RFC5424 + "after \\d+");
        }
    }

    @Test
    void dropsTheOldestLinesWhenTheReceiverIsDown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Drain drain = store.add(HELLO, "syslog://127.0.0.1:" + closedPort);
        start(DrainConfig.DEFAULT.withQueueLines(10).withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                "127.0.0.1:" + closedPort);
        AtomicInteger n = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            append("line " + n.incrementAndGet());
            return drains.dropped(drain.token()).orElse(0L) >= 30;
        });
        // The queue still holds its 10 newest lines, and the sender the batch it failed to send.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(drains.dropped(drain.token()).orElseThrow()).isLessThanOrEqualTo(n.get() - 11));
    }

    @Test
    void postsBatchesInHerokusHttpsDrainFormat() throws Exception {
        record Post(Map<String, List<String>> headers, List<String> frames) {
        }
        List<Post> posts = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/logs", ex -> {
            posts.add(new Post(Map.copyOf(ex.getRequestHeaders()), SyslogReceiver.frames(ex.getRequestBody().readAllBytes())));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        try {
            Drain drain = store.add(HELLO, "http://127.0.0.1:" + http.getAddress().getPort() + "/logs");
            start(DrainConfig.DEFAULT.withBatch(3, Duration.ofMillis(300)), "127.0.0.1:" + http.getAddress().getPort());
            for (int i = 0; i < 7; i++) {
                append("line " + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> posts.stream().mapToInt(p -> p.frames().size()).sum() == 7);
            for (Post p : posts) {
                assertThat(p.headers().get("Content-type")).containsExactly("application/logplex-1");
                assertThat(p.headers().get("Logplex-msg-count")).containsExactly(String.valueOf(p.frames().size()));
                assertThat(p.headers().get("Logplex-drain-token")).containsExactly(drain.token());
                assertThat(p.headers().get("Logplex-frame-id")).singleElement().asString().hasSizeGreaterThan(8);
                assertThat(p.frames().size()).isBetween(1, 3);
            }
            assertThat(posts.stream().flatMap(p -> p.frames().stream()).toList())
                    .allMatch(f -> f.matches(RFC5424 + "line \\d"))
                    .extracting(f -> f.substring(f.lastIndexOf(' ') + 1))
                    .containsExactly("0", "1", "2", "3", "4", "5", "6");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void stopsFollowingAnAppWhoseLastDrainIsRemoved() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(0, null)) {
            store.add(HELLO, "syslog://127.0.0.1:" + receiver.port());
            start(DrainConfig.DEFAULT, "127.0.0.1:" + receiver.port(), "localhost:" + receiver.port());
            assertThat(logs.followers(HELLO)).isEqualTo(1);
            Drain second = store.add(HELLO, "syslog://localhost:" + receiver.port());
            drains.refresh(HELLO);
            assertThat(drains.running().get(HELLO)).hasSize(2);
            assertThat(logs.followers(HELLO)).isEqualTo(1);
            append("twice");
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.messages.size() == 2);

            store.drains.clear();
            drains.refresh(HELLO);
            assertThat(drains.running()).isEmpty();
            assertThat(drains.dropped(second.token())).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.followers(HELLO) == 0);
        }
    }

    @Test
    void readsTheStoreAgainToFollowChangesMadeElsewhere() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(0, null)) {
            start(DrainConfig.DEFAULT.withResync(Duration.ofMillis(100)), "127.0.0.1:" + receiver.port());
            assertThat(drains.running()).isEmpty();
            store.add(HELLO, "syslog://127.0.0.1:" + receiver.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> drains.running().containsKey(HELLO));
            store.drains.clear();
            await().atMost(Duration.ofSeconds(5)).until(() -> drains.running().isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.followers(HELLO) == 0);
        }
    }

    @Test
    void postsOverHttpsTrustingTheConfiguredCertificate() throws Exception {
        SelfSignedTls tls = new SelfSignedTls(dir);
        List<String> frames = new CopyOnWriteArrayList<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.server));
        https.createContext("/", ex -> {
            frames.addAll(SyslogReceiver.frames(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        https.start();
        try {
            store.add(HELLO, "https://localhost:" + https.getAddress().getPort() + "/");
            start(DrainConfig.DEFAULT.withTls(tls.client).withBatch(10, Duration.ofMillis(100)),
                    "localhost:" + https.getAddress().getPort());
            append("over tls");
            await().atMost(Duration.ofSeconds(10)).until(() -> frames.size() == 1);
            assertThat(frames.getFirst()).matches(RFC5424 + "over tls");
        } finally {
            https.stop(0);
        }
    }

    @Test
    void sendsNothingToALoopbackReceiverThatNoAdminAllowed() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(0, null)) {
            // a drain stored before drains were checked, or written to the store directly
            Drain drain = store.add(HELLO, "syslog://127.0.0.1:" + receiver.port());
            start(DrainConfig.DEFAULT.withBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).withQueueLines(3));
            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                append("line " + n.incrementAndGet());
                return drains.dropped(drain.token()).orElse(0L) >= 5;
            });
            assertThat(receiver.accepted()).isZero();
        }
    }

    @Test
    void connectsOnlyToAddressesCheckedAtConnectTimeSoDnsCannotRebindIt() throws Exception {
        try (SyslogReceiver receiver = new SyslogReceiver(0, null)) {
            AtomicInteger lookups = new AtomicInteger();
            // public when the drain is added, loopback when the sender connects
            DrainAddressPolicy targets = DrainAddressPolicy.allowing(List.of(), host -> new InetAddress[] {
                    lookups.incrementAndGet() == 1 ? InetAddress.getByName("93.184.216.34")
                            : InetAddress.getLoopbackAddress()});
            targets.check(java.net.URI.create("syslog://rebind.test:" + receiver.port()));
            Drain drain = store.add(HELLO, "syslog://rebind.test:" + receiver.port());
            start(DrainConfig.DEFAULT.withBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).withQueueLines(3),
                    targets);
            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                append("line " + n.incrementAndGet());
                return drains.dropped(drain.token()).orElse(0L) >= 5;
            });
            assertThat(lookups.get()).isGreaterThan(1);
            assertThat(receiver.accepted()).isZero();
        }
    }
}
