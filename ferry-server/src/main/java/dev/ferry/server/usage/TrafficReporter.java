package dev.ferry.server.usage;

import dev.ferry.core.traffic.TrafficReport;
import dev.ferry.core.traffic.TrafficReports;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code ferry router}'s traffic for the control plane, which it has no other way to reach (no store): a sink of
 * its {@link dev.ferry.router.log.QueuedAccessLog} that counts requests per host, second, status, latency bucket and
 * tunnel flag, and every {@link #DEFAULT_INTERVAL} publishes what it counted as one {@link TrafficReport}
 * ({@link TrafficReports#publish}). Requests for no route (404 {@code no_such_app}) are not counted; the control node
 * finds each host's app. A publish that fails (Redis down) keeps its lines for the next one, up to
 * {@value #MAX_LINES} lines, beyond which the oldest are dropped with a warning; {@link #close} publishes once more.
 *
 * <p>Threading: {@link #log} on the access log's writer thread; publishing on its own timer thread.
 */
public final class TrafficReporter implements AccessLog, AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    static final int MAX_LINES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(TrafficReporter.class);

    private record Key(String host, long second, int status, long latencyMs, boolean tunnel) {
    }

    private static final class Counts {
        long requests;
        long bytesIn;
        long bytesOut;
    }

    private final TrafficReports reports;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ferry-traffic-reporter").factory());
    private Map<Key, Counts> counted = new HashMap<>();
    private final List<TrafficReport.Line> unsent = new ArrayList<>();
    private boolean failing; // on the timer thread

    public TrafficReporter(TrafficReports reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    /** Publishes every {@code interval} from now on. */
    public TrafficReporter start(Duration interval) {
        timer.scheduleWithFixedDelay(this::publishQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void log(AccessLogEntry entry) {
        if ((entry.status() == 404 && entry.backendMs() < 0) || !TrafficReport.reportable(entry.host())
                || entry.status() < 100 || entry.status() > 999) {
            return;
        }
        long ended = entry.time().plusMillis(Math.max(0, entry.totalMs())).getEpochSecond();
        Key key = new Key(entry.host(), ended, entry.status(), TrafficReport.roundLatency(entry.totalMs()), entry.tunnel());
        synchronized (this) {
            Counts c = counted.computeIfAbsent(key, k -> new Counts());
            c.requests++;
            c.bytesIn += Math.max(0, entry.bytesIn());
            c.bytesOut += Math.max(0, entry.bytesOut());
        }
    }

    /** Publishes what was counted and not yet sent; throws when the reports cannot be reached (kept for next time). */
    synchronized void publish() {
        Map<Key, Counts> taken = counted;
        counted = new HashMap<>();
        taken.forEach((k, c) -> unsent.add(new TrafficReport.Line(k.host(), Instant.ofEpochSecond(k.second()), k.status(),
                k.latencyMs(), k.tunnel(), c.requests, c.bytesIn, c.bytesOut)));
        if (unsent.size() > MAX_LINES) {
            log.warn("the control plane's traffic reports have been unreachable for long: dropping {} old lines",
                    unsent.size() - MAX_LINES);
            unsent.subList(0, unsent.size() - MAX_LINES).clear();
        }
        if (unsent.isEmpty()) {
            return;
        }
        reports.publish(new TrafficReport(unsent));
        unsent.clear();
    }

    private void publishQuietly() {
        try {
            publish();
            if (failing) {
                failing = false;
                log.info("reporting traffic to the control plane again");
            }
        } catch (RuntimeException e) {
            if (!failing) { // once per outage, not every second
                failing = true;
                log.warn("could not report traffic to the control plane (kept for the next report): {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS); // then the last report, from this thread alone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishQuietly();
        reports.close();
    }
}
