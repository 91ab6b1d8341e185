package dev.ferry.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.store.postgres.PostgresServerProcess;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL server: what an add-on's credentials reach, and what destroying leaves. */
class PostgresAddonProvisionerTest {

    private static PostgresServerProcess server;
    private static PostgresAddonProvisioner provisioner;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServerProcess.start();
        provisioner = new PostgresAddonProvisioner(AddonServerUrl.parse(server.url(""), PostgresServerProcess.PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void givesEachAddonItsOwnDatabaseThatItsCredentialsWriteAndRead() throws Exception {
        ProvisionedAddon addon = provisioner.provision("hello-db");

        assertThat(addon.url()).startsWith("postgres://addon_hello_db:").endsWith("/addon_hello_db");
        try (Connection c = connect(addon.url(), null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (body text)");
            s.execute("INSERT INTO notes VALUES ('kept')");
            try (ResultSet rs = s.executeQuery("SELECT body FROM notes")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
        }
    }

    @Test
    void refusesAnAddonsCredentialsOnAnotherAddonsTheAdminsAndTheStoresDatabase() throws Exception {
        String store = server.newDatabase();
        ProvisionedAddon mine = provisioner.provision("mine-db");
        ProvisionedAddon theirs = provisioner.provision("theirs-db");

        assertThatThrownBy(() -> connect(theirs.url(), "addon_mine_db").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(mine.url(), "postgres").close())
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(mine.url(), store).close())
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(mine.url(), "template1").close())
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void destroyingDropsTheDatabaseAndTheRoleEvenWithASessionOpen() throws Exception {
        ProvisionedAddon addon = provisioner.provision("gone-db");
        try (Connection open = connect(addon.url(), null)) {
            provisioner.deprovision(addon.resource());
        }

        assertThatThrownBy(() -> connect(addon.url(), null).close()).isInstanceOf(SQLException.class);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres",
                PostgresServerProcess.USER, PostgresServerProcess.PASSWORD); Statement s = admin.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM pg_database WHERE datname = 'addon_gone_db'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM pg_roles WHERE rolname = 'addon_gone_db'")).isZero();
        }
    }

    @Test
    void saysWhichServerRefusedWithoutShowingItsPassword() {
        PostgresAddonProvisioner wrong = new PostgresAddonProvisioner(
                AddonServerUrl.parse(server.url(""), "not-the-password"));

        assertThatThrownBy(() -> wrong.provision("any-db"))
                .hasMessageContaining("127.0.0.1:" + server.port())
                .hasMessageNotContaining("not-the-password");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Connects with an add-on URL's credentials, to its own database or to {@code database}. */
    static Connection connect(String url, String database) throws SQLException {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        String db = database != null ? database : uri.getPath().substring(1);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + db,
                userInfo[0], userInfo[1]);
    }
}
