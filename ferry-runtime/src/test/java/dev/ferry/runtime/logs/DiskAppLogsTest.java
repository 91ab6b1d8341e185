package dev.ferry.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskAppLogsTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final AppName OTHER = AppName.of("other");

    @TempDir
    Path dir;

    private static LogLine line(AppName app, String process, String text) {
        return new LogLine(Instant.now(), app, LogLine.APP, process, text);
    }

    @Test
    void keepsTheLastLinesWithinTheLineBound() {
        try (DiskAppLogs logs = DiskAppLogs.open(dir, new LogBounds(10, 1 << 20, 100, 1000))) {
            for (int i = 0; i < 25; i++) {
                logs.append(line(HELLO, "web.1", "line " + i));
            }
            List<LogLine> recent = logs.recent(HELLO, 100, Optional.empty());
            assertThat(recent).extracting(LogLine::text).containsExactly(
                    "line 15", "line 16", "line 17", "line 18", "line 19", "line 20", "line 21", "line 22", "line 23", "line 24");
            assertThat(logs.recent(HELLO, 3, Optional.empty())).extracting(LogLine::text)
                    .containsExactly("line 22", "line 23", "line 24");
            assertThat(logs.recent(OTHER, 3, Optional.empty())).isEmpty();
        }
    }

    @Test
    void keepsTheDiskWithinTwoBoundsAndTheByteBound() throws Exception {
        try (DiskAppLogs logs = DiskAppLogs.open(dir, new LogBounds(1_000, 4_096, 100, 10_000))) {
            for (int i = 0; i < 2_000; i++) {
                logs.append(line(HELLO, "web.1", "x".repeat(100) + i));
            }
            assertThat(logs.flush(5_000)).isTrue();
            long onDisk;
            try (var files = Files.list(dir.resolve("hello"))) {
                onDisk = files.mapToLong(f -> f.toFile().length()).sum();
            }
            assertThat(onDisk).isPositive().isLessThanOrEqualTo(2 * 4_096 + 200);
            List<LogLine> recent = logs.recent(HELLO, 10_000, Optional.empty());
            assertThat(recent.size()).isBetween(20, 40);
            assertThat(recent.getLast().text()).endsWith("1999");
        }
    }

    @Test
    void readsTheKeptLinesBackAfterReopening() throws Exception {
        try (DiskAppLogs logs = DiskAppLogs.open(dir, new LogBounds(5, 1 << 20, 100, 1000))) {
            for (int i = 0; i < 12; i++) {
                logs.append(line(HELLO, i % 2 == 0 ? "web.1" : "worker.1", "line " + i + "\twith\\odd\nbytes ü"));
            }
            logs.append(new LogLine(Instant.parse("2026-11-24T14:00:00.123456789Z"), OTHER, LogLine.FERRY, "api", "Scaled"));
        }
        try (DiskAppLogs reopened = DiskAppLogs.open(dir, new LogBounds(5, 1 << 20, 100, 1000))) {
            assertThat(reopened.recent(HELLO, 100, Optional.empty())).extracting(LogLine::text).containsExactly(
                    "line 7\twith\\odd\nbytes ü", "line 8\twith\\odd\nbytes ü", "line 9\twith\\odd\nbytes ü",
                    "line 10\twith\\odd\nbytes ü", "line 11\twith\\odd\nbytes ü");
            assertThat(reopened.recent(OTHER, 1, Optional.empty())).containsExactly(new LogLine(
                    Instant.parse("2026-11-24T14:00:00.123456789Z"), OTHER, LogLine.FERRY, "api", "Scaled"));
            reopened.append(line(HELLO, "web.1", "after"));
            assertThat(reopened.recent(HELLO, 1, Optional.empty())).extracting(LogLine::text).containsExactly("after");
        }
    }

    @Test
    void filtersByProcessOrProcessType() {
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            logs.append(line(HELLO, "web.1", "a"));
            logs.append(line(HELLO, "web.2", "b"));
            logs.append(line(HELLO, "worker.1", "c"));
            logs.append(line(HELLO, "webhook.1", "d"));
            logs.append(new LogLine(Instant.now(), HELLO, LogLine.ROUTER, "router", "e"));
            assertThat(logs.recent(HELLO, 10, Optional.of("web"))).extracting(LogLine::text).containsExactly("a", "b");
            assertThat(logs.recent(HELLO, 10, Optional.of("web.2"))).extracting(LogLine::text).containsExactly("b");
            assertThat(logs.recent(HELLO, 1, Optional.of("web"))).extracting(LogLine::text).containsExactly("b");
            assertThat(logs.recent(HELLO, 10, Optional.of("router"))).extracting(LogLine::text).containsExactly("e");
        }
    }

    @Test
    void forgetsAnAppOnDiskAndInMemory() throws Exception {
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            logs.append(line(HELLO, "web.1", "old"));
            logs.append(line(OTHER, "web.1", "kept"));
            logs.forget(HELLO);
            logs.append(line(HELLO, "web.1", "new"));
            assertThat(logs.recent(HELLO, 10, Optional.empty())).extracting(LogLine::text).containsExactly("new");
        }
        try (DiskAppLogs reopened = DiskAppLogs.open(dir)) {
            assertThat(reopened.recent(HELLO, 10, Optional.empty())).extracting(LogLine::text).containsExactly("new");
            assertThat(reopened.recent(OTHER, 10, Optional.empty())).extracting(LogLine::text).containsExactly("kept");
        }
    }

    @Test
    void deliversNewLinesToFollowersUntilClosed() {
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            logs.append(line(HELLO, "web.1", "before"));
            List<String> seen = new CopyOnWriteArrayList<>();
            AppLogs.Subscription sub = logs.follow(HELLO, l -> seen.add(l.text()));
            logs.append(line(HELLO, "web.1", "one"));
            logs.append(line(OTHER, "web.1", "not mine"));
            logs.append(line(HELLO, "web.1", "two"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen).containsExactly("one", "two"));
            sub.close();
            assertThat(logs.followers(HELLO)).isZero();
            logs.append(line(HELLO, "web.1", "three"));
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(seen).containsExactly("one", "two"));
        }
    }

    @Test
    void aSlowFollowerNeverBlocksTheAppenderAndIsToldWhatItMissed() throws Exception {
        try (DiskAppLogs logs = DiskAppLogs.open(dir, new LogBounds(1_500, 1 << 20, 10, 100_000))) {
            CountDownLatch release = new CountDownLatch(1);
            List<String> seen = new CopyOnWriteArrayList<>();
            logs.follow(HELLO, l -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(l.text());
            });
            List<Thread> appenders = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < 4; t++) {
                int id = t;
                appenders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        logs.append(line(HELLO, "web." + (id + 1), "line " + i));
                    }
                }));
            }
            for (Thread t : appenders) {
                t.join(5_000);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(logs.recent(HELLO, 5_000, Optional.empty())).hasSize(1_500);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 10);
            logs.append(line(HELLO, "web.1", "last"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seen).contains("last"));
            assertThat(seen.get(seen.size() - 2)).matches("-- \\d+ lines dropped --");
            assertThat(seen.size()).isLessThan(100);
        }
    }

    @Test
    void closesAFollowerWhoseListenerFails() {
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            logs.follow(HELLO, l -> {
                throw new IllegalStateException("client went away");
            });
            logs.append(line(HELLO, "web.1", "one"));
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.followers(HELLO) == 0);
        }
    }

    @Test
    void formatsLinesInHerokusShape() {
        LogLine l = new LogLine(Instant.parse("2026-11-24T14:00:00.123456789Z"), HELLO, LogLine.APP, "web.1", "hi there");
        assertThat(HerokuLogFormat.format(l)).isEqualTo("2026-11-24T14:00:00.123456+00:00 app[web.1]: hi there");
    }
}
