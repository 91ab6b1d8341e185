package dev.ferry.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLogEntry;
import dev.ferry.runtime.logs.DiskAppLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppAccessLogTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path dir;

    private static AccessLogEntry entry(String host, int status, long backendMs, String endpoint) {
        return new AccessLogEntry(Instant.now(), host, "GET", "/a \"b\"", status, 0, 123, 7, backendMs, endpoint, "req-1");
    }

    private static List<String> texts(DiskAppLogs logs, AppName app) {
        return logs.recent(app, 100, Optional.empty()).stream().map(LogLine::text).toList();
    }

    @Test
    void writesHerokuRouterLinesForTheAppOfTheHost() {
        try (DiskAppLogs logs = DiskAppLogs.open(dir); AppAccessLog access = new AppAccessLog(logs, "localhost", h -> Optional.empty())) {
            access.log(entry("hello.localhost", 200, 5, "127.0.0.1:5000"));
            access.log(entry("hello.localhost", 503, -1, "-"));
            access.log(entry("nope.localhost", 404, -1, "-"));
            assertThat(texts(logs, HELLO)).containsExactly(
                    "at=info method=GET path=\"/a \\\"b\\\"\" host=hello.localhost request_id=req-1 dyno=127.0.0.1:5000"
                            + " service=5ms status=200 bytes=123 protocol=http",
                    "at=error code=no_healthy_instance desc=\"No healthy instance\" method=GET path=\"/a \\\"b\\\"\""
                            + " host=hello.localhost request_id=req-1 dyno=- service=7ms status=503 bytes=123 protocol=http");
            assertThat(logs.recent(HELLO, 1, Optional.of("router"))).singleElement()
                    .extracting(LogLine::source).isEqualTo(LogLine.ROUTER);
            assertThat(texts(logs, AppName.of("nope"))).isEmpty();
        }
    }

    @Test
    void looksUpCustomDomainsOffTheCallersThreadAndCachesTheAnswer() throws Exception {
        CountDownLatch storeAnswers = new CountDownLatch(1);
        AtomicInteger lookups = new AtomicInteger();
        try (DiskAppLogs logs = DiskAppLogs.open(dir);
             AppAccessLog access = new AppAccessLog(logs, "localhost", host -> {
                 lookups.incrementAndGet();
                 try {
                     storeAnswers.await(10, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return host.equals("www.example.com") ? Optional.of(HELLO) : Optional.empty();
             })) {
            long start = System.nanoTime();
            access.log(entry("www.example.com", 200, 5, "127.0.0.1:5000"));
            access.log(entry("www.example.com", 201, 5, "127.0.0.1:5000"));
            access.log(entry("other.example.com", 200, 5, "127.0.0.1:5000"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            storeAnswers.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> texts(logs, HELLO).size() == 2);
            access.log(entry("www.example.com", 202, 5, "127.0.0.1:5000"));
            assertThat(texts(logs, HELLO)).hasSize(3).last().asString().contains("status=202");
            assertThat(lookups.get()).isEqualTo(2);
        }
    }
}
