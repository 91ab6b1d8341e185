package dev.ferry.server;

import dev.ferry.core.store.Store;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.StoreSettings;
import dev.ferry.server.fleet.NodeName;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.sql.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens the store that {@link StoreSettings} names for {@link Platform}: the PostgreSQL store with the shared key
 * when {@code --store postgres://…} is given, else the embedded SQLite store in the data dir, with the data dir's
 * {@code secret.key} unless another key is given.
 */
final class StoreWiring {

    private StoreWiring() {
    }

    /** The store; on a shared one, this control node is the one named in the data dir ({@link NodeName}). */
    static Store open(FerryConfig config, Path dataDir) {
        StoreSettings settings = config.store();
        if (settings.postgres().isPresent()) {
            return PostgresStore.open(settings.postgres().get(), settings.key().orElseThrow(), Clock.systemUTC(),
                    config.appLimits(), NodeName.of(dataDir));
        }
        return settings.key().<Store>map(key -> SqliteStore.openInDataDir(dataDir, key, config.appLimits()))
                .orElseGet(() -> SqliteStore.openInDataDir(dataDir, config.appLimits()));
    }
}
