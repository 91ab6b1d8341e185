package dev.ferry.server.tls;

import dev.ferry.core.store.Store;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.store.route.RedisTlsBundle;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.sql.SqliteStore;
import java.nio.file.Path;
import java.util.Deque;

/**
 * Attaches a control node's {@link StoreTlsSource} to the store and, on a shared Redis registry ({@code --registry},
 * in {@code ferry up} and {@code ferry control}), starts its {@link RegistryTlsPublisher}, sealing keys with the
 * {@link RouterCertificateKey} derived from the store's secret key: the one given ({@code --secret-key-file},
 * {@code FERRY_SECRET_KEY}), else the SQLite store's {@code <data-dir>/secret.key}. Without a shared registry there
 * is no separate router to publish for.
 */
public final class TlsPublishWiring {

    private TlsPublishWiring() {
    }

    /** Attaches {@code tls} to {@code store}, then starts publishing, pushed onto {@code started}. */
    public static void attach(FerryConfig config, StoreTlsSource tls, Store store, Path dataDir,
                              Deque<AutoCloseable> started) {
        tls.attach(store.certificates(), store.acme(), store);
        if (config.registry().isEmpty()) {
            return;
        }
        ConfigKey secret = config.store().key().orElse(ConfigKey.file(dataDir.resolve(SqliteStore.KEY_FILE)));
        RegistryTlsPublisher publisher = new RegistryTlsPublisher(tls, new RedisTlsBundle(config.registry().get()),
                RouterCertificateKey.of(secret), RegistryTlsPublisher.TICK);
        started.push(publisher);
        publisher.start();
    }
}
