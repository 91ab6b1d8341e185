package dev.ferry.router.route;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link LiveRoutes}, built with {@link #builder()}.
 *
 * @param snapshotFile       where the last known table is persisted so a restarted router serves at once;
 *                           {@code null} (the default) for none
 * @param passiveEjection    how long an endpoint that refused or reset a connection stays out of every pool;
 *                           default 30 s
 * @param snapshotWriteDelay debounce of snapshot file writes after changes; default 1 s
 * @param clock              the time source of passive ejection; default {@link Clock#systemUTC()}
 */
public record LiveRoutesConfig(Path snapshotFile, Duration passiveEjection, Duration snapshotWriteDelay, Clock clock) {

    public static final Duration DEFAULT_PASSIVE_EJECTION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SNAPSHOT_WRITE_DELAY = Duration.ofSeconds(1);

    public LiveRoutesConfig {
        Objects.requireNonNull(passiveEjection, "passiveEjection");
        Objects.requireNonNull(snapshotWriteDelay, "snapshotWriteDelay");
        Objects.requireNonNull(clock, "clock");
        if (passiveEjection.isNegative()) {
            throw new IllegalArgumentException("passiveEjection must not be negative");
        }
        if (snapshotWriteDelay.isNegative()) {
            throw new IllegalArgumentException("snapshotWriteDelay must not be negative");
        }
    }

    /** The defaults: no snapshot file, 30 s ejection, 1 s write debounce, system clock. */
    public static LiveRoutesConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LiveRoutesConfig}; every setting starts at its default. */
    public static final class Builder {
        private Path snapshotFile;
        private Duration passiveEjection = DEFAULT_PASSIVE_EJECTION;
        private Duration snapshotWriteDelay = DEFAULT_SNAPSHOT_WRITE_DELAY;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder snapshotFile(Path file) {
            this.snapshotFile = file;
            return this;
        }

        public Builder passiveEjection(Duration duration) {
            this.passiveEjection = duration;
            return this;
        }

        public Builder snapshotWriteDelay(Duration delay) {
            this.snapshotWriteDelay = delay;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public LiveRoutesConfig build() {
            return new LiveRoutesConfig(snapshotFile, passiveEjection, snapshotWriteDelay, clock);
        }
    }
}
