package dev.ferry.runtime.logs.drain;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.DrainNotFound;
import dev.ferry.core.store.DrainStore;
import dev.ferry.core.store.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link DrainStore} in a list, enough for {@link LogDrains}: no apps, no limits, no events. */
final class MemoryDrainStore implements DrainStore {

    final List<Drain> drains = new CopyOnWriteArrayList<>();

    Drain add(AppName app, String url) {
        Drain d = new Drain(UUID.randomUUID().toString(), app, Drain.checkUrl(url).toString(), "d." + UUID.randomUUID(),
                Instant.now());
        drains.add(d);
        return d;
    }

    @Override
    public Drain addDrain(AppName app, String url, UserId by) {
        return add(app, url);
    }

    @Override
    public List<Drain> drains(AppName app) {
        return drains.stream().filter(d -> d.app().equals(app)).toList();
    }

    @Override
    public void removeDrain(AppName app, String urlOrToken, UserId by) {
        if (!drains.removeIf(d -> d.app().equals(app) && (d.url().equals(urlOrToken) || d.token().equals(urlOrToken)))) {
            throw new DrainNotFound(app, urlOrToken);
        }
    }

    @Override
    public List<Drain> allDrains() {
        return List.copyOf(drains);
    }
}
