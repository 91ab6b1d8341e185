package dev.ferry.server.dashboard;

import dev.ferry.core.store.AppName;
import dev.ferry.core.traffic.TrafficSeries;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A sink of the router's {@link dev.ferry.router.log.QueuedAccessLog} that counts each request of an app in the
 * {@link TrafficSeries} (status, total time, bytes), in the slot of the instant its response ended, which is what the
 * autoscaler's windows read; requests whose host has no app (404 {@code no_such_app}) count for nobody, as in the
 * usage {@code TrafficMeter}. Called on the access log's writer thread.
 */
public final class TrafficSeriesSink implements AccessLog {

    private final TrafficSeries series;
    private final Function<String, Optional<AppName>> appOfHost;

    /** @param appOfHost the app a request host belongs to ({@link dev.ferry.server.logs.AppOfHost}) */
    public TrafficSeriesSink(TrafficSeries series, Function<String, Optional<AppName>> appOfHost) {
        this.series = Objects.requireNonNull(series, "series");
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 404 && entry.backendMs() < 0) {
            return;
        }
        appOfHost.apply(entry.host()).ifPresent(app -> series.record(app,
                entry.time().plusMillis(Math.max(0, entry.totalMs())), entry.status(),
                entry.totalMs(), entry.bytesIn(), entry.bytesOut()));
    }
}
