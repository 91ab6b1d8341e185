package dev.ferry.core.usage;

import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The store's port for usage records (issue 16): instance lifetimes, router traffic and build times per app,
 * process type and UTC day. Records are kept by app name, so they outlive {@code apps:destroy} (what was used was
 * used). Each method is one transaction, durable once it returns, like every port of
 * {@link dev.ferry.core.store.Store}; these record no {@link dev.ferry.core.store.Event}, being measurements and not
 * changes someone made.
 *
 * <p>Instance seconds are exact to the millisecond for lifetimes whose start and stop were recorded. When Ferry
 * itself is killed, the open lifetimes are closed by {@link #closeInterrupted} at the next start at the last
 * {@link #stillRunning} mark, so at most one mark period is lost per instance.
 */
public interface UsageStore {

    /** Adds one flush of traffic counts, all in one transaction. */
    void addTraffic(List<TrafficCount> counts);

    /** Records that an instance started; an id already recorded is ignored. */
    void instanceStarted(InstanceRun run);

    /** Records that the instance run {@code id} stopped at {@code at}; unknown or stopped runs are left alone. */
    void instanceStopped(String id, Instant at);

    /** Marks every open run as seen running at {@code at}: where {@link #closeInterrupted} ends them. */
    void stillRunning(Instant at);

    /** Closes the runs a killed Ferry left open, each at its last mark; returns how many. */
    int closeInterrupted();

    /**
     * The records from {@code since} (a UTC day) on, by day, app and process type; runs still open count up to
     * {@code now}. Build seconds are those of builds that finished, split at midnight like instance lifetimes.
     *
     * @param app one app, or every app when empty
     */
    List<UsageRecord> usage(Optional<AppName> app, LocalDate since, Instant now);
}
