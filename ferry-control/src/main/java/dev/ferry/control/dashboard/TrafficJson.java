package dev.ferry.control.dashboard;

import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.core.runtime.ResourceMinute;
import dev.ferry.core.runtime.ResourceSeries;
import dev.ferry.core.store.App;
import dev.ferry.core.traffic.TrafficMinute;
import dev.ferry.core.traffic.TrafficSeries;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /apps/{app}/traffic.json?window=hour|day}: an app's {@link TrafficSeries} as the charts draw it, one
 * point per minute in columns ({@code t} in epoch seconds; {@code s1xx}…{@code s5xx} and {@code in}/{@code out} per
 * second; {@code p50}/{@code p95}/{@code p99} in milliseconds, null for a minute without requests), with the
 * instances' {@link ResourceSeries} in the same minutes ({@code cpu} in percent of one core, the mean of the app's
 * instances summed; {@code mem} in bytes, the most they held together; null for a minute not measured, and
 * {@code measured} false when no minute was).
 */
final class TrafficJson {

    private static final Map<String, Duration> WINDOWS = Map.of("hour", Duration.ofHours(1), "day", Duration.ofDays(1));

    private final AppAccess access;
    private final TrafficSeries series;
    private final ResourceSeries resources;
    private final Clock clock;

    TrafficJson(AppAccess access, TrafficSeries series, ResourceSeries resources, Clock clock) {
        this.access = access;
        this.series = series;
        this.resources = resources;
        this.clock = clock;
    }

    void answer(Context ctx, DashboardSessions.Session session) {
        App app = access.require(ctx);
        String window = ctx.queryParamAsClass("window", String.class).getOrDefault("hour");
        Duration span = WINDOWS.get(window);
        if (span == null) {
            throw new InvalidInput("the traffic window is hour or day, not '" + window + "'");
        }
        List<TrafficMinute> minutes = series.minutes(app.name(), span, clock.instant());
        double slot = series.slotWidth().toMillis() / 1000.0; // a minute, but for tests' short autoscaler windows
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window", window);
        out.put("t", column(minutes, m -> m.start().getEpochSecond()));
        out.put("s1xx", column(minutes, m -> m.status1xx() / slot));
        out.put("s2xx", column(minutes, m -> m.status2xx() / slot));
        out.put("s3xx", column(minutes, m -> m.status3xx() / slot));
        out.put("s4xx", column(minutes, m -> m.status4xx() / slot));
        out.put("s5xx", column(minutes, m -> m.status5xx() / slot));
        out.put("p50", column(minutes, m -> m.p50Ms() < 0 ? null : m.p50Ms()));
        out.put("p95", column(minutes, m -> m.p95Ms() < 0 ? null : m.p95Ms()));
        out.put("p99", column(minutes, m -> m.p99Ms() < 0 ? null : m.p99Ms()));
        out.put("in", column(minutes, m -> m.bytesIn() / slot));
        out.put("out", column(minutes, m -> m.bytesOut() / slot));
        out.put("requests", minutes.stream().mapToLong(TrafficMinute::requests).sum());
        List<ResourceMinute> used = resources.minutes(app.name(), span, clock.instant());
        out.put("cpu", column(used, m -> m.measured() ? Math.round(m.cpuPercent() * 10) / 10.0 : null));
        out.put("mem", column(used, m -> m.measured() ? m.memoryBytes() : null));
        out.put("measured", used.stream().anyMatch(ResourceMinute::measured));
        Json.ok(ctx, out);
    }

    private static <M> List<Object> column(List<M> minutes, Function<M, Object> value) {
        List<Object> col = new ArrayList<>(minutes.size());
        minutes.forEach(m -> col.add(value.apply(m)));
        return col;
    }
}
