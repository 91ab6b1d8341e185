package dev.ferry.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-minute counting and the batches a flush takes. */
class TrafficMeterTest {

    private final TrafficMeter meter = new TrafficMeter(host -> host.equals("hello.localhost")
            ? Optional.of(AppName.of("hello")) : Optional.empty());

    private static AccessLogEntry at(String time, String host, int status, long backendMs, boolean tunnel) {
        return new AccessLogEntry(Instant.parse(time), host, "GET", "/", status, 7, 100, 3, backendMs, "-", "-", tunnel);
    }

    @Test
    void sumsMinutesIntoOneCountPerAppAndDayAndStartsAgainAfterATake() {
        meter.log(at("2026-03-01T23:59:10Z", "hello.localhost", 200, 1, false));
        meter.log(at("2026-03-01T23:58:10Z", "hello.localhost", 500, 1, true));
        meter.log(at("2026-03-02T00:00:01Z", "hello.localhost", 200, 1, false));
        meter.log(at("2026-03-02T00:00:02Z", "nobody.example.com", 200, 1, false));
        meter.log(at("2026-03-02T00:00:03Z", "hello.localhost", 404, -1, false));

        assertThat(meter.take()).containsExactlyInAnyOrder(
                new TrafficCount(AppName.of("hello"), "web", LocalDate.parse("2026-03-01"), 2, 14, 200, 1, 7, 100),
                new TrafficCount(AppName.of("hello"), "web", LocalDate.parse("2026-03-02"), 1, 7, 100, 0, 0, 0));
        assertThat(meter.take()).isEmpty();
    }

    @Test
    void keepsABatchWhoseWriteFailedForTheNextFlush() {
        meter.log(at("2026-03-01T10:00:00Z", "hello.localhost", 200, 1, false));
        var batch = meter.take();
        meter.putBack(batch);
        meter.log(at("2026-03-01T10:05:00Z", "hello.localhost", 200, 1, false));

        assertThat(meter.take()).singleElement().extracting(TrafficCount::requests).isEqualTo(2L);
    }
}
