package dev.ferry.store.postgres;

import dev.ferry.core.store.AppLimits;
import dev.ferry.store.sql.ConfigKey;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;

/**
 * Two control nodes, {@code node-a} and {@code node-b}, on a new database of one real PostgreSQL server, sharing one
 * random secret key, as a fleet's nodes do: the fixture of the tests of what the nodes share. Closing it closes both
 * stores.
 */
record TwoControlNodes(PostgresLocation database, PostgresStore a, PostgresStore b) implements AutoCloseable {

    static TwoControlNodes open(PostgresServerProcess server) throws Exception {
        PostgresLocation database = server.location(server.newDatabase());
        byte[] key = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String shared = Base64.getEncoder().encodeToString(key);
        PostgresStore a = PostgresStore.open(database, ConfigKey.base64(shared, "FERRY_SECRET_KEY"), Clock.systemUTC(),
                AppLimits.DEFAULT, "node-a");
        PostgresStore b = PostgresStore.open(database, ConfigKey.base64(shared, "FERRY_SECRET_KEY"), Clock.systemUTC(),
                AppLimits.DEFAULT, "node-b");
        return new TwoControlNodes(database, a, b);
    }

    /** The first column of the first row {@code sql} returns, read straight from the database. */
    String query(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
