package dev.ferry.server.usage;

import dev.ferry.core.store.AppName;
import dev.ferry.core.traffic.TrafficReport;
import dev.ferry.core.traffic.TrafficReports;
import dev.ferry.core.traffic.TrafficSeries;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UsageStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A control node's side of the separate routers' {@link TrafficReports}: every {@link #DEFAULT_INTERVAL} it adds
 * every new report to this node's {@link TrafficSeries} (so the dashboard's charts and the autoscaler see the
 * fleet's routers), and takes the reports no node has recorded yet into the usage records: their requests and bytes
 * per app and day in one transaction ({@link UsageStore#addTraffic}), then acknowledges them, so each report is
 * recorded once across the control nodes, and again only when a node died between writing and acknowledging.
 * Hosts with no app (a route added by hand) count for nobody, as in the router's own sinks.
 *
 * <p>Threading: one timer thread ({@code ferry-traffic-reports}) from {@link #start} to {@link #close}.
 */
public final class TrafficReportReader implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final int TAKE_AT_ONCE = 500;
    private static final Logger log = LoggerFactory.getLogger(TrafficReportReader.class);

    private final TrafficReports reports;
    private final TrafficSeries series;
    private final UsageStore usage;
    private final Function<String, Optional<AppName>> appOfHost;
    private final String node;
    private boolean failing; // on the timer thread
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ferry-traffic-reports").factory());

    /**
     * @param appOfHost the app a request host belongs to ({@link dev.ferry.server.logs.AppOfHost})
     * @param node      this control node's name among the fleet's, its consumer name
     */
    public TrafficReportReader(TrafficReports reports, TrafficSeries series, UsageStore usage,
                               Function<String, Optional<AppName>> appOfHost, String node) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.series = Objects.requireNonNull(series, "series");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
        this.node = Objects.requireNonNull(node, "node");
    }

    public TrafficReportReader start(Duration interval) {
        timer.scheduleWithFixedDelay(this::readQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads once: new reports into the series, untaken ones into the usage records. */
    public void read() {
        for (TrafficReport report : reports.readNew()) {
            for (TrafficReport.Line line : report.lines()) {
                appOfHost.apply(line.host()).ifPresent(app -> series.record(app, line));
            }
        }
        List<TrafficReports.Taken> taken;
        while (!(taken = reports.take(node, TAKE_AT_ONCE)).isEmpty()) {
            TrafficMeter meter = new TrafficMeter(appOfHost);
            for (TrafficReports.Taken t : taken) {
                for (TrafficReport.Line line : t.report().lines()) {
                    appOfHost.apply(line.host()).ifPresent(app -> meter.count(app, line.ended(), line.requests(),
                            line.bytesIn(), line.bytesOut(), line.tunnel()));
                }
            }
            List<TrafficCount> batch = meter.take();
            if (!batch.isEmpty()) {
                usage.addTraffic(batch);
            }
            reports.acknowledge(taken.stream().map(TrafficReports.Taken::id).toList());
        }
    }

    private void readQuietly() {
        try {
            read();
            if (failing) {
                failing = false;
                log.info("reading the routers' traffic reports again");
            }
        } catch (RuntimeException e) {
            if (!failing) { // once per outage, not every second
                failing = true;
                log.warn("could not read the routers' traffic reports (tried again every second): {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reports.close();
    }
}
