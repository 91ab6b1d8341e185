package dev.ferry.store.postgres;

import dev.ferry.core.store.AppLimits;
import dev.ferry.store.sql.ConfigKey;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two control nodes, {@code node-a} and {@code node-b}, on a new database of one real PostgreSQL server, sharing one
 * random secret key, as a fleet's nodes do: the fixture of the tests of what the nodes share. Register it as a static
 * {@code @RegisterExtension} field: it starts the server for the test class ({@link PostgresServerExtension}), opens
 * both stores on a new database before each test and closes them after it.
 */
final class TwoControlNodes implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final PostgresServerExtension server = new PostgresServerExtension();
    private PostgresLocation database;
    private PostgresStore a;
    private PostgresStore b;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        database = server.server().location(server.server().newDatabase());
        byte[] key = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String shared = Base64.getEncoder().encodeToString(key);
        a = PostgresStore.open(database, ConfigKey.base64(shared, "FERRY_SECRET_KEY"), Clock.systemUTC(),
                AppLimits.DEFAULT, "node-a");
        b = PostgresStore.open(database, ConfigKey.base64(shared, "FERRY_SECRET_KEY"), Clock.systemUTC(),
                AppLimits.DEFAULT, "node-b");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        a = null;
        b = null;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.afterAll(context);
    }

    /** The store of {@code node-a}, during a test. */
    PostgresStore a() {
        return running(a);
    }

    /** The store of {@code node-b}, during a test. */
    PostgresStore b() {
        return running(b);
    }

    /** The database both nodes use, during a test. */
    PostgresLocation database() {
        running(a);
        return database;
    }

    /** The first column of the first row {@code sql} returns, read straight from the database. */
    String query(String sql) throws Exception {
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static PostgresStore running(PostgresStore store) {
        if (store == null) {
            throw new IllegalStateException("the two control nodes run only during a test");
        }
        return store;
    }
}
