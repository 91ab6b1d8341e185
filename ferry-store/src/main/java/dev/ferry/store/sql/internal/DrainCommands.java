package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DrainStore;
import dev.ferry.core.store.LimitExceeded;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.DrainExists;
import dev.ferry.core.store.DrainNotFound;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The store's use cases about log drains, each one transaction. */
public final class DrainCommands implements DrainStore {

    private final Database db;
    private final Clocked clock;
    private final AppLimits limits;

    public DrainCommands(Database db, Clocked clock, AppLimits limits) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Drain addDrain(AppName name, String url, UserId by) {
        String normal = Drain.checkUrl(url).toString();
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            List<Drain> existing = DrainRows.ofApp(tx, app);
            if (existing.stream().anyMatch(d -> d.url().equals(normal))) {
                throw new DrainExists(name, normal);
            }
            if (existing.size() >= limits.maxDrains()) {
                throw LimitExceeded.drains(name, limits.maxDrains());
            }
            Instant now = clock.now();
            Drain drain = new Drain(UUID.randomUUID().toString(), name, normal, "d." + UUID.randomUUID(), now);
            DrainRows.insert(tx, app, drain);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.DRAIN_ADD,
                    "Add drain " + normal, now);
            return drain;
        });
    }

    @Override
    public List<Drain> drains(AppName name) {
        return db.read(tx -> DrainRows.ofApp(tx, AppRows.require(tx, name)));
    }

    @Override
    public List<Drain> allDrains() {
        return db.read(DrainRows::all);
    }

    @Override
    public void removeDrain(AppName name, String urlOrToken, UserId by) {
        String url = normalOrAsIs(urlOrToken);
        db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            if (!DrainRows.delete(tx, app, url, urlOrToken.strip())) {
                throw new DrainNotFound(name, urlOrToken);
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.DRAIN_REMOVE,
                    "Remove drain " + urlOrToken.strip(), clock.now());
            return null;
        });
    }

    private static String normalOrAsIs(String urlOrToken) {
        try {
            return Drain.checkUrl(urlOrToken).toString();
        } catch (IllegalArgumentException e) {
            return urlOrToken.strip();
        }
    }
}
