package dev.ferry.router.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Slf4jAccessLogTest {

    @Test
    void formatsOneLinePerRequest() {
        AccessLogEntry entry = new AccessLogEntry(Instant.parse("2026-01-01T00:00:00Z"), "app.localhost", "GET", "/7",
                200, 0, 5, 3, 1, "127.0.0.1:9001", "req-7");
        assertThat(entry.toLine()).isEqualTo("2026-01-01T00:00:00Z app.localhost \"GET /7\" 200 in=0 out=5 total_ms=3"
                + " backend_ms=1 endpoint=127.0.0.1:9001 request_id=req-7");
        assertThat(new AccessLogEntry(Instant.EPOCH, null, null, null, 400, 0, 0, 0, -1, null, null).toLine())
                .isEqualTo("1970-01-01T00:00:00Z - \"- -\" 400 in=0 out=0 total_ms=0 backend_ms=-1 endpoint=- request_id=-");
    }
}
