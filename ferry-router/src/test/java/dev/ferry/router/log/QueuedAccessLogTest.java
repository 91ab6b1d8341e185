package dev.ferry.router.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuedAccessLogTest {

    private static AccessLogEntry entry(int i) {
        return new AccessLogEntry(Instant.EPOCH, "app.localhost", "GET", "/" + i, 200, 0, 5, 3, 1, "127.0.0.1:9001",
                "req-" + i);
    }

    @Test
    void handsEveryEntryToEverySinkInOrderOnItsOwnThread() {
        List<String> seen = new CopyOnWriteArrayList<>();
        AccessLog first = e -> seen.add("first " + e.path() + " " + Thread.currentThread().getName());
        AccessLog second = e -> seen.add("second " + e.path());
        try (QueuedAccessLog log = new QueuedAccessLog(List.of(first, second))) {
            log.log(entry(1));
            log.log(entry(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 4);
        }
        assertThat(seen).containsExactly("first /1 ferry-access-log", "second /1", "first /2 ferry-access-log",
                "second /2");
    }

    @Test
    void neverBlocksTheCallerWhileASinkIsSlowAndDropsWhatDoesNotFit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        AccessLog slow = e -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            written.add(e.path());
        };
        try (QueuedAccessLog log = new QueuedAccessLog(List.of(slow), 2)) {
            log.log(entry(0));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            for (int i = 1; i <= 10; i++) {
                log.log(entry(i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(log.dropped()).isEqualTo(8);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 3);
        }
        assertThat(written).containsExactly("/0", "/1", "/2");
    }

    @Test
    void aFailingSinkDoesNotStopTheOthers() {
        List<String> seen = new CopyOnWriteArrayList<>();
        AccessLog broken = e -> {
            throw new IllegalStateException("disk full");
        };
        try (QueuedAccessLog log = new QueuedAccessLog(List.of(broken, e -> seen.add(e.path())))) {
            log.log(entry(1));
            log.log(entry(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        }
        assertThat(seen).containsExactly("/1", "/2");
    }

    @Test
    void closeWritesWhatIsQueuedThenDropsAndCounts() {
        List<String> seen = new CopyOnWriteArrayList<>();
        QueuedAccessLog log = new QueuedAccessLog(List.of(e -> seen.add(e.path())));
        for (int i = 0; i < 100; i++) {
            log.log(entry(i));
        }
        log.close();
        assertThat(seen).hasSize(100);

        log.log(entry(101));
        assertThat(log.dropped()).isEqualTo(1);
    }
}
