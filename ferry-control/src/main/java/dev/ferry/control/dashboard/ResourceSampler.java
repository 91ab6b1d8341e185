package dev.ferry.control.dashboard;

import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.ResourceSeries;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the dashboard's CPU and memory charts: every {@link #DEFAULT_INTERVAL} it measures every app's instances
 * through the runtime's {@link InstanceMeter} and records their sum in the {@link ResourceSeries}. An app none of
 * whose instances could be measured records nothing, so its minutes stay "not measured" rather than 0.
 *
 * <p>Runs on one daemon thread from {@link #start} until {@link #close}.
 */
public final class ResourceSampler implements AutoCloseable {

    /** Ten seconds: six samples a minute. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ResourceSampler.class);

    private final AppStore apps;
    private final InstanceMeter meter;
    private final ResourceSeries series;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public ResourceSampler(AppStore apps, InstanceMeter meter, ResourceSeries series, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.series = Objects.requireNonNull(series, "series");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Samples every {@code interval} from now on; a meter that measures nothing is not sampled at all. */
    public synchronized ResourceSampler start(Duration interval) {
        if (timer == null && meter != InstanceMeter.NONE) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                    .name("ferry-resource-sampler").unstarted(r));
            timer.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Measures each app once and records the sums. */
    public void sample() {
        Instant now = clock.instant();
        for (App app : apps.allApps()) {
            Map<String, InstanceUsage> usage = meter.measure(app.name());
            if (usage.isEmpty()) {
                continue;
            }
            double cpu = usage.values().stream().mapToDouble(InstanceUsage::cpuPercent).sum();
            long memory = usage.values().stream().mapToLong(InstanceUsage::memoryBytes).sum();
            series.record(app.name(), now, cpu, memory);
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("could not sample the instances' CPU and memory: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
