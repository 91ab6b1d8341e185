package dev.ferry.core.autoscale;

import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.util.Objects;

/**
 * An app whose {@code web} process is autoscaled, as the store keeps it.
 *
 * @param since when autoscaling was turned on or its rule last changed; the autoscaler's cool-downs count from it
 */
public record AutoscaleSetting(AppName app, AutoscaleRule rule, Instant since) {

    public AutoscaleSetting {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(since, "since");
    }
}
