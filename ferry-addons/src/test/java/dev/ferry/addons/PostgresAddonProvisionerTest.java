package dev.ferry.addons;

import static dev.ferry.addons.AddonPostgres.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.store.postgres.PostgresServerProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real PostgreSQL server: what an add-on's credentials reach, and what destroying leaves. */
class PostgresAddonProvisionerTest {

    @RegisterExtension
    static final AddonPostgres postgres = new AddonPostgres();

    @Test
    void givesEachAddonItsOwnDatabaseThatItsCredentialsWriteAndRead() throws Exception {
        ProvisionedAddon addon = postgres.provisioner().provision("hello-db");

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
        String store = postgres.server().newDatabase();
        ProvisionedAddon mine = postgres.provisioner().provision("mine-db");
        ProvisionedAddon theirs = postgres.provisioner().provision("theirs-db");

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
        ProvisionedAddon addon = postgres.provisioner().provision("gone-db");
        try (Connection open = connect(addon.url(), null)) {
            postgres.provisioner().deprovision(addon.resource());
        }

        assertThatThrownBy(() -> connect(addon.url(), null).close()).isInstanceOf(SQLException.class);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.server().port() + "/postgres",
                PostgresServerProcess.USER, PostgresServerProcess.PASSWORD); Statement s = admin.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM pg_database WHERE datname = 'addon_gone_db'")).isZero();
            assertThat(count(s, "SELECT count(*) FROM pg_roles WHERE rolname = 'addon_gone_db'")).isZero();
        }
    }

    @Test
    void saysWhichServerRefusedWithoutShowingItsPassword() {
        PostgresAddonProvisioner wrong = new PostgresAddonProvisioner(
                AddonServerUrl.parse(postgres.server().url(""), "not-the-password"));

        assertThatThrownBy(() -> wrong.provision("any-db"))
                .hasMessageContaining("127.0.0.1:" + postgres.server().port())
                .hasMessageNotContaining("not-the-password");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
