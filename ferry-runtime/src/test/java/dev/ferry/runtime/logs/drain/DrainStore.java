package dev.ferry.runtime.logs.drain;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.Store;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Store} that knows only drains, enough for {@link LogDrains}. */
final class DrainStore {

    final List<Drain> drains = new CopyOnWriteArrayList<>();

    Drain add(AppName app, String url) {
        Drain d = new Drain(UUID.randomUUID().toString(), app, Drain.checkUrl(url).toString(), "d." + UUID.randomUUID(),
                Instant.now());
        drains.add(d);
        return d;
    }

    Store store() {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "allDrains" -> List.copyOf(drains);
                    case "drains" -> drains.stream().filter(d -> d.app().equals(args[0])).toList();
                    case "toString" -> "DrainStore";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
