package dev.ferry.server.usage;

import dev.ferry.core.store.AppName;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UtcDays;
import dev.ferry.router.log.AccessLog;
import dev.ferry.router.log.AccessLogEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The router's requests and bytes per app, counted in memory per minute until {@link #take} hands them over as one
 * batch per flush ({@link UsageRecorder} writes each batch in one transaction, never one write per request).
 * Requests whose host has no app (404 {@code no_such_app}) count for nobody; the router sends HTTP only to
 * {@code web} instances, so every request counts for the process type {@code web}. Requests a tunnel endpoint
 * answered are counted twice: in the totals and in the tunnel columns.
 *
 * <p>Threading: a sink of the router's {@link dev.ferry.router.log.QueuedAccessLog}, called on its writer thread;
 * {@link #take} may be called from any other thread.
 */
public final class TrafficMeter implements AccessLog {

    static final String WEB = "web";

    /** An app and a minute (epoch minutes) while counting, or a day (epoch days) while summing. */
    private record Bucket(AppName app, long index) {
    }

    private static final class Counts {
        long requests;
        long bytesIn;
        long bytesOut;
        long tunnelRequests;
        long tunnelBytesIn;
        long tunnelBytesOut;
    }

    private final Function<String, Optional<AppName>> appOfHost;
    private Map<Bucket, Counts> minutes = new HashMap<>();

    /** @param appOfHost the app a request host belongs to ({@link dev.ferry.server.logs.AppOfHost}) */
    public TrafficMeter(Function<String, Optional<AppName>> appOfHost) {
        this.appOfHost = Objects.requireNonNull(appOfHost, "appOfHost");
    }

    @Override
    public void log(AccessLogEntry entry) {
        if (entry.status() == 404 && entry.backendMs() < 0) {
            return;
        }
        Optional<AppName> app = appOfHost.apply(entry.host());
        if (app.isEmpty()) {
            return;
        }
        count(app.get(), entry.time(), 1, entry.bytesIn(), entry.bytesOut(), entry.tunnel());
    }

    /**
     * Counts {@code requests} requests of {@code app} at {@code time} with their bytes summed: one access log entry,
     * or a line of a separate router's report ({@link TrafficReportReader}).
     */
    public void count(AppName app, Instant time, long requests, long bytesIn, long bytesOut, boolean tunnel) {
        Bucket minute = new Bucket(app, time.getEpochSecond() / 60);
        synchronized (this) {
            Counts c = minutes.computeIfAbsent(minute, k -> new Counts());
            c.requests += requests;
            c.bytesIn += bytesIn;
            c.bytesOut += bytesOut;
            if (tunnel) {
                c.tunnelRequests += requests;
                c.tunnelBytesIn += bytesIn;
                c.tunnelBytesOut += bytesOut;
            }
        }
    }

    /** Everything counted since the last call, summed per app and UTC day; the meter starts again from zero. */
    public List<TrafficCount> take() {
        Map<Bucket, Counts> taken;
        synchronized (this) {
            taken = minutes;
            minutes = new HashMap<>();
        }
        Map<Bucket, Counts> byDay = new LinkedHashMap<>();
        taken.forEach((minute, c) -> {
            long day = UtcDays.of(Instant.ofEpochSecond(minute.index() * 60)).toEpochDay();
            Counts sum = byDay.computeIfAbsent(new Bucket(minute.app(), day), k -> new Counts());
            sum.requests += c.requests;
            sum.bytesIn += c.bytesIn;
            sum.bytesOut += c.bytesOut;
            sum.tunnelRequests += c.tunnelRequests;
            sum.tunnelBytesIn += c.tunnelBytesIn;
            sum.tunnelBytesOut += c.tunnelBytesOut;
        });
        List<TrafficCount> out = new ArrayList<>(byDay.size());
        byDay.forEach((k, c) -> out.add(new TrafficCount(k.app(), WEB, LocalDate.ofEpochDay(k.index()),
                c.requests, c.bytesIn, c.bytesOut, c.tunnelRequests, c.tunnelBytesIn, c.tunnelBytesOut)));
        return out;
    }

    /** Hands a batch back after its write failed, so that the next flush writes it again. */
    public void putBack(List<TrafficCount> counts) {
        synchronized (this) {
            for (TrafficCount t : counts) {
                Counts c = minutes.computeIfAbsent(new Bucket(t.app(), t.day().toEpochDay() * 1440), k -> new Counts());
                c.requests += t.requests();
                c.bytesIn += t.bytesIn();
                c.bytesOut += t.bytesOut();
                c.tunnelRequests += t.tunnelRequests();
                c.tunnelBytesIn += t.tunnelBytesIn();
                c.tunnelBytesOut += t.tunnelBytesOut();
            }
        }
    }
}
