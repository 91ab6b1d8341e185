package dev.ferry.addons;

import static dev.ferry.addons.AddonPostgres.connect;
import static dev.ferry.addons.AddonPostgres.rows;
import static dev.ferry.addons.AddonPostgres.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.store.postgres.PostgresServerProcess;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** New credentials for an add-on on a real PostgreSQL: both work until the old ones are retired, then only the new. */
class PostgresCredentialRotationTest {

    @RegisterExtension
    static final AddonPostgres postgres = new AddonPostgres();

    @Test
    void newCredentialsShareTheDataAndTheOldOnesAreRefusedOnceRetired() throws Exception {
        ProvisionedAddon first = postgres.provisioner().provision("turning-db");
        sql(first.url(), "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('before')");

        ProvisionedAddon second = postgres.provisioner().rotate(first.resource());
        sql(second.url(), "INSERT INTO notes VALUES ('after')", "CREATE TABLE later (n int)");
        sql(first.url(), "INSERT INTO later VALUES (1)");

        assertThat(second.url()).startsWith("postgres://addon_turning_db_r").endsWith("/addon_turning_db");
        assertThat(rows(second.url(), "SELECT body FROM notes ORDER BY body")).containsExactly("after", "before");
        assertThat(rows(second.url(), "SELECT tableowner FROM pg_tables WHERE tablename = 'later'"))
                .containsExactly("addon_turning_db");

        try (Connection open = connect(first.url(), null)) {
            postgres.provisioner().retire(first.resource(), first.url());
            assertThat(open.isValid(2)).as("the old login's open session is ended").isFalse();
        }
        assertThatThrownBy(() -> connect(first.url(), null).close()).isInstanceOf(SQLException.class);
        assertThat(rows(second.url(), "SELECT count(*) FROM later")).containsExactly("1");

        ProvisionedAddon third = postgres.provisioner().rotate(first.resource());
        postgres.provisioner().retire(first.resource(), second.url());
        assertThatThrownBy(() -> connect(second.url(), null).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        assertThat(rows(third.url(), "SELECT count(*) FROM notes")).containsExactly("2");
        assertThat(adminCount("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'addon_turning_db%'")).isEqualTo(2);
    }

    @Test
    void rotatedCredentialsReachNoOtherDatabase() throws Exception {
        ProvisionedAddon mine = postgres.provisioner().provision("fenced-db");
        ProvisionedAddon theirs = postgres.provisioner().provision("other-db");

        ProvisionedAddon rotated = postgres.provisioner().rotate(mine.resource());

        assertThatThrownBy(() -> connect(rotated.url(), theirs.resource()).close())
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> connect(rotated.url(), "postgres").close())
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void destroyingDropsEveryLoginOfTheAddon() throws Exception {
        ProvisionedAddon addon = postgres.provisioner().provision("spent-db");
        ProvisionedAddon rotated = postgres.provisioner().rotate(addon.resource());
        try (Connection open = connect(rotated.url(), null)) {
            postgres.provisioner().deprovision(addon.resource());
        }

        assertThat(adminCount("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'addon_spent_db%'")).isZero();
        assertThatThrownBy(() -> connect(rotated.url(), null).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void refusesToRetireARoleThatIsNotALoginOfTheAddon() {
        ProvisionedAddon addon = postgres.provisioner().provision("strict-db");
        ProvisionedAddon other = postgres.provisioner().provision("stranger-db");

        assertThatThrownBy(() -> postgres.provisioner().retire(addon.resource(), other.url()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a login of add-on");
    }

    private static long adminCount(String query) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.server().port()
                + "/postgres", PostgresServerProcess.USER, PostgresServerProcess.PASSWORD);
             Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
