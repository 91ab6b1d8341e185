package dev.ferry.server.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLogEntry;
import dev.ferry.runtime.logs.DiskAppLogs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            AppAccessLog access = new AppAccessLog(logs, "localhost", h -> Optional.empty());
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
    void looksUpCustomDomainsOnceAndCachesTheAnswerIncludingNoApp() {
        AtomicInteger lookups = new AtomicInteger();
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            AppAccessLog access = new AppAccessLog(logs, "localhost", host -> {
                lookups.incrementAndGet();
                return host.equals("www.example.com") ? Optional.of(HELLO) : Optional.empty();
            });
            access.log(entry("www.example.com", 200, 5, "127.0.0.1:5000"));
            access.log(entry("www.example.com", 201, 5, "127.0.0.1:5000"));
            access.log(entry("other.example.com", 200, 5, "127.0.0.1:5000"));
            access.log(entry("other.example.com", 200, 5, "127.0.0.1:5000"));
            assertThat(texts(logs, HELLO)).hasSize(2).last().asString().contains("status=201");
            assertThat(lookups.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailingLookupLogsNothingAndIsCachedToo() {
        AtomicInteger lookups = new AtomicInteger();
        try (DiskAppLogs logs = DiskAppLogs.open(dir)) {
            AppAccessLog access = new AppAccessLog(logs, "localhost", host -> {
                lookups.incrementAndGet();
                throw new IllegalStateException("store closed");
            });
            access.log(entry("www.example.com", 200, 5, "127.0.0.1:5000"));
            access.log(entry("www.example.com", 200, 5, "127.0.0.1:5000"));
            assertThat(texts(logs, HELLO)).isEmpty();
            assertThat(lookups.get()).isEqualTo(1);
        }
    }
}
