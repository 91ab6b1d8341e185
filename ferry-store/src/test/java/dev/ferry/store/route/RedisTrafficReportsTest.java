package dev.ferry.store.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.traffic.TrafficReport;
import dev.ferry.core.traffic.TrafficReports;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routers' traffic reports in a real Redis stream: every reader sees every report, the usage takes each once. */
class RedisTrafficReportsTest {

    @TempDir
    Path dir;

    private RedisServerProcess redis;
    private final List<RedisTrafficReports> opened = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServerProcess.start(dir, false);
    }

    @AfterEach
    void stop() throws Exception {
        opened.forEach(RedisTrafficReports::close);
        redis.close();
    }

    private RedisTrafficReports open() {
        RedisTrafficReports reports = RedisTrafficReports.open(RedisRegistryConfig.of(redis.uri()));
        opened.add(reports);
        return reports;
    }

    private static TrafficReport report(long requests) {
        return new TrafficReport(List.of(new TrafficReport.Line("hello.localhost", Instant.parse("2026-12-05T10:00:00Z"),
                200, 5, false, requests, 0, requests * 10)));
    }

    @Test
    void everyReaderSeesEveryReportPublishedAfterItsFirstRead() {
        RedisTrafficReports router = open();
        RedisTrafficReports control1 = open();
        RedisTrafficReports control2 = open();
        router.publish(report(1));
        assertThat(control1.readNew()).as("a reader starts after the newest entry of its first read").isEmpty();
        assertThat(control2.readNew()).isEmpty();

        router.publish(report(2));
        router.publish(report(3));
        router.publish(new TrafficReport(List.of())); // nothing to say: not published

        assertThat(control1.readNew()).containsExactly(report(2), report(3));
        assertThat(control2.readNew()).containsExactly(report(2), report(3));
        assertThat(control1.readNew()).isEmpty();
    }

    @Test
    void theControlNodesTakeEachReportOnceAndAnUnacknowledgedOneAgain() {
        RedisTrafficReports router = open();
        RedisTrafficReports control1 = open();
        RedisTrafficReports control2 = open();
        router.publish(report(1)); // before any node made the group: still taken
        router.publish(report(2));

        List<TrafficReports.Taken> first = control1.take("control1", 1);
        assertThat(first).extracting(TrafficReports.Taken::report).containsExactly(report(1));
        List<TrafficReports.Taken> second = control2.take("control2", 10);
        assertThat(second).extracting(TrafficReports.Taken::report).containsExactly(report(2));
        control2.acknowledge(second.stream().map(TrafficReports.Taken::id).toList());

        assertThat(control1.take("control1", 10)).as("not acknowledged: taken again by the same node")
                .extracting(TrafficReports.Taken::report).containsExactly(report(1));
        control1.acknowledge(first.stream().map(TrafficReports.Taken::id).toList());
        assertThat(control1.take("control1", 10)).isEmpty();
        assertThat(control2.take("control2", 10)).isEmpty();
        assertThat(redis.commands().xlen("ferry:traffic")).isEqualTo(2);
    }
}
