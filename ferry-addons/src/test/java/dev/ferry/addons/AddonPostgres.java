package dev.ferry.addons;

import dev.ferry.store.postgres.PostgresServerProcess;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL add-on tests' server: a real PostgreSQL for the test class (started before its first test, stopped
 * after its last; register as a static {@code @RegisterExtension} field) with a provisioner that uses its admin
 * login, and the SQL an add-on's own credentials run in those tests.
 */
final class AddonPostgres implements BeforeAllCallback, AfterAllCallback {

    private PostgresServerProcess server;
    private PostgresAddonProvisioner provisioner;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServerProcess.start();
        provisioner = new PostgresAddonProvisioner(AddonServerUrl.parse(server.url(""), PostgresServerProcess.PASSWORD));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    PostgresServerProcess server() {
        return server;
    }

    PostgresAddonProvisioner provisioner() {
        return provisioner;
    }

    /** Connects with an add-on URL's credentials, to its own database or to {@code database}. */
    static Connection connect(String url, String database) throws SQLException {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        String db = database != null ? database : uri.getPath().substring(1);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + db,
                userInfo[0], userInfo[1]);
    }

    /** Runs {@code statements} with an add-on URL's credentials on its database. */
    static void sql(String url, String... statements) throws SQLException {
        try (Connection c = connect(url, null); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of each row {@code query} returns, run with an add-on URL's credentials on its database. */
    static List<String> rows(String url, String query) throws SQLException {
        try (Connection c = connect(url, null); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
