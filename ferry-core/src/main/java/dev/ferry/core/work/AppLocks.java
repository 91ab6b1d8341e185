package dev.ferry.core.work;

import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.util.Optional;

/**
 * One deploy of an app at a time across control nodes: a node holds an app's lock while it changes what the app
 * runs (a rollout, a scale, a reconcile), and another node's change of the same app waits or, for a periodic
 * reconcile, skips the app. Within one node {@link AppLanes} already serialises an app's work; this extends it to
 * a fleet. A lock whose holder dies is released with it. {@link #NONE} (one node) never waits.
 */
public interface AppLocks {

    /** Locks that are always free: one control node, whose lanes are enough. */
    AppLocks NONE = new AppLocks() {
        @Override
        public Optional<Held> tryLock(AppName app) {
            return Optional.of(() -> { });
        }

        @Override
        public Held lock(AppName app, Duration wait) {
            return () -> { };
        }
    };

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The app's lock when no other node holds it; empty when one does. */
    Optional<Held> tryLock(AppName app);

    /**
     * The app's lock, waiting up to {@code wait} for another node to release it.
     *
     * @throws dev.ferry.core.store.StoreUnavailable when it stayed held that long or cannot be taken
     */
    Held lock(AppName app, Duration wait);
}
