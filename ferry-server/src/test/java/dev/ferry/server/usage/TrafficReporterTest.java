package dev.ferry.server.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.traffic.TrafficReport;
import dev.ferry.core.traffic.TrafficReports;
import dev.ferry.router.log.AccessLogEntry;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A router's traffic as it reports it: grouped per host, second, status and latency bucket; kept while unreachable. */
class TrafficReporterTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00.200Z");

    /** The reports a router published, throwing while {@code down}; in all else {@link TrafficReports#NONE}. */
    private static final class Published {
        final List<TrafficReport> reports = new ArrayList<>();
        boolean down;
        final TrafficReports port = (TrafficReports) Proxy.newProxyInstance(TrafficReports.class.getClassLoader(),
                new Class<?>[] {TrafficReports.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("publish")) {
                        return method.invoke(TrafficReports.NONE, args);
                    }
                    if (down) {
                        throw new IllegalStateException("redis is down");
                    }
                    reports.add((TrafficReport) args[0]);
                    return null;
                });
    }

    private static AccessLogEntry entry(String host, int status, long totalMs, long backendMs) {
        return new AccessLogEntry(AT, host, "GET", "/", status, 3, 10, totalMs, backendMs, "127.0.0.1:5000", "-");
    }

    @Test
    void groupsRequestsAndKeepsWhatItCouldNotPublish() {
        Published published = new Published();
        TrafficReporter reporter = new TrafficReporter(published.port);
        reporter.log(entry("hello.localhost", 200, 40, 39));
        reporter.log(entry("hello.localhost", 200, 41, 40)); // the same 10 % bucket
        reporter.log(entry("hello.localhost", 200, 900, 899)); // ends in the next second
        reporter.log(entry("nobody.localhost", 404, 1, -1)); // no route: not counted
        reporter.log(entry("bad host", 200, 1, 1)); // cannot be reported

        published.down = true;
        assertThatThrownBy(reporter::publish).hasMessageContaining("down");
        reporter.log(entry("hello.localhost", 503, 2, -1));
        published.down = false;
        reporter.publish();

        assertThat(published.reports).hasSize(1);
        List<TrafficReport.Line> lines = published.reports.getFirst().lines();
        assertThat(lines).hasSize(3);
        assertThat(lines).filteredOn(l -> l.status() == 200 && l.ended().equals(Instant.parse("2026-12-05T10:00:00Z")))
                .singleElement().satisfies(l -> {
                    assertThat(l.requests()).isEqualTo(2);
                    assertThat(l.bytesOut()).isEqualTo(20);
                    assertThat(l.latencyMs()).isBetween(41L, 45L);
                });
        assertThat(lines).filteredOn(l -> l.ended().equals(Instant.parse("2026-12-05T10:00:01Z"))).hasSize(1);
        assertThat(lines).filteredOn(l -> l.status() == 503).hasSize(1);
        reporter.publish();
        assertThat(published.reports).as("nothing new: nothing published").hasSize(1);
    }
}
