package dev.ferry.control.apps;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.StoreException;
import dev.ferry.core.store.UserId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link AppDataCleanup} the platform wired, in order, for an app about to be destroyed (before the store;
 * a failure stops the destroy), for a destroyed app (after the store) and for a
 * new app (its name's leftovers), and their moves for a renamed app. A failing clean-up or move is logged with its
 * reason and does not stop the others.
 */
public final class AppDataCleanups {

    private static final Logger log = LoggerFactory.getLogger(AppDataCleanups.class);

    private final List<AppDataCleanup> cleanups;

    public AppDataCleanups(List<AppDataCleanup> cleanups) {
        this.cleanups = List.copyOf(cleanups);
    }

    /** No clean-up: a platform that keeps nothing per app outside the store. */
    public static AppDataCleanups none() {
        return new AppDataCleanups(List.of());
    }

    /**
     * Runs every {@link AppDataCleanup#prepareRemovalOf}, in order, before the store destroys {@code app}; the first
     * failure stops the destroy.
     *
     * @throws StoreException as the clean-up threw it, or {@link java.io.UncheckedIOException}
     */
    void prepare(App app, UserId by) {
        for (AppDataCleanup cleanup : cleanups) {
            try {
                cleanup.prepareRemovalOf(app, by);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not remove the data of " + app.name() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** @return true when every clean-up succeeded */
    boolean run(DestroyedApp app) {
        List<String> failures = new ArrayList<>();
        for (AppDataCleanup cleanup : cleanups) {
            try {
                cleanup.removeDataOf(app);
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
        if (!failures.isEmpty()) {
            log.error("could not delete all data of the app {}: {}", app.app().name(), failures);
        }
        return failures.isEmpty();
    }

    /** @return true when every move of what is kept under {@code from} to {@code to} succeeded */
    boolean move(AppName from, AppName to) {
        List<String> failures = new ArrayList<>();
        for (AppDataCleanup cleanup : cleanups) {
            try {
                cleanup.moveDataOf(from, to);
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
        if (!failures.isEmpty()) {
            log.error("could not move all data of the app {} to {}: {}", from, to, failures);
        }
        return failures.isEmpty();
    }
}
