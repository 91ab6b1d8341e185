package dev.ferry.server.runtime;

import dev.ferry.core.store.AppDataCleanup;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The host names the runtime registers an app's web instances under, following renames: the instances still
 * running under an app's old name (until the reconciler stops them, once the new name's instances serve) keep
 * the hosts of its new name, so that a route refresh between the rename and the new instances' health never takes
 * them off the app's custom domains, and never brings the old default host back. A rename is learned as one of
 * the platform's {@link AppDataCleanup}s ({@link #moveDataOf}) and forgotten once the old name's instances have
 * stopped and the API removes the old name's leftovers ({@link #removeDataOf}), or when the new name is renamed
 * again. Thread-safe.
 */
public final class RenamedAppHosts implements AppDataCleanup, Function<AppName, List<String>> {

    private final Function<AppName, List<String>> hostsOfApp;
    private final Map<AppName, AppName> renamedTo = new ConcurrentHashMap<>();

    /** @param hostsOfApp the hosts of an app by its current name */
    public RenamedAppHosts(Function<AppName, List<String>> hostsOfApp) {
        this.hostsOfApp = Objects.requireNonNull(hostsOfApp, "hostsOfApp");
    }

    @Override
    public List<String> apply(AppName app) {
        return hostsOfApp.apply(renamedTo.getOrDefault(app, app));
    }

    @Override
    public void moveDataOf(AppName from, AppName to) {
        renamedTo.remove(to);
        renamedTo.replaceAll((old, current) -> current.equals(from) ? to : current);
        renamedTo.put(from, to);
    }

    @Override
    public void removeDataOf(DestroyedApp destroyed) {
        renamedTo.remove(destroyed.app().name());
    }
}
