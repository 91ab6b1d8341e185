package dev.ferry.addons;

import static dev.ferry.addons.AddonPostgres.rows;
import static dev.ferry.addons.AddonPostgres.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.AddonBackup;
import dev.ferry.core.addons.AddonBackupFailed;
import dev.ferry.core.addons.AddonNotFound;
import dev.ferry.core.addons.ProvisionedAddon;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Backups of a real add-on database with the host's pg_dump and pg_restore, run with the add-on's own credentials. */
class PgDumpBackupsTest {

    @RegisterExtension
    static final AddonPostgres postgres = new AddonPostgres();

    @TempDir
    Path dir;

    @Test
    void bringsADroppedTableBackWithItsRows() throws Exception {
        ProvisionedAddon addon = postgres.provisioner().provision("kept-db");
        PgDumpBackups backups = new PgDumpBackups(dir);
        sql(addon.url(), "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('first row')");

        AddonBackup b1 = backups.capture("kept-db", addon.url());
        sql(addon.url(), "DROP TABLE notes");
        backups.restore("kept-db", b1.id(), addon.url());

        assertThat(b1.id()).isEqualTo("b001");
        assertThat(b1.sizeBytes()).isPositive();
        assertThat(rows(addon.url(), "SELECT body FROM notes")).containsExactly("first row");
        assertThat(rows(addon.url(), "SELECT tableowner FROM pg_tables WHERE tablename = 'notes'"))
                .containsExactly(addon.resource());
    }

    @Test
    void listsStreamsAndDeletesBackupsInTheOrderTaken() throws Exception {
        ProvisionedAddon addon = postgres.provisioner().provision("listed-db");
        PgDumpBackups backups = new PgDumpBackups(dir);
        sql(addon.url(), "CREATE TABLE t (n int)");

        backups.capture("listed-db", addon.url());
        AddonBackup b2 = backups.capture("listed-db", addon.url());

        assertThat(backups.backups("listed-db")).extracting(AddonBackup::id).containsExactly("b001", "b002");
        try (InputStream in = backups.open("listed-db", "b002")) {
            byte[] head = in.readNBytes(5);
            assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
            assertThat(5 + in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(b2.sizeBytes());
        }
        backups.delete("listed-db", "b001");
        assertThat(backups.backups("listed-db")).extracting(AddonBackup::id).containsExactly("b002");
        backups.delete("listed-db", "b002");
        assertThat(backups.capture("listed-db", addon.url()).id()).as("an id is never given twice").isEqualTo("b003");
        assertThatThrownBy(() -> backups.open("listed-db", "b001")).isInstanceOf(AddonNotFound.class)
                .hasMessageContaining("no backup b001");
        assertThatThrownBy(() -> backups.open("listed-db", "../../etc")).isInstanceOf(AddonNotFound.class);
        backups.deleteAll("listed-db");
        assertThat(backups.backups("listed-db")).isEmpty();
        assertThat(dir.resolve("listed-db")).doesNotExist();
    }

    @Test
    void aRestoreThatFailsLeavesTheDatabaseAsItWasAndSaysWhy() throws Exception {
        ProvisionedAddon addon = postgres.provisioner().provision("guarded-db");
        PgDumpBackups backups = new PgDumpBackups(dir);
        sql(addon.url(), "CREATE TABLE notes (body text)", "INSERT INTO notes VALUES ('old')");
        AddonBackup b1 = backups.capture("guarded-db", addon.url());
        // A view made after the backup depends on the table, so the restore's DROP TABLE fails half-way.
        sql(addon.url(), "INSERT INTO notes VALUES ('new')", "CREATE TABLE other (n int)",
                "CREATE VIEW latest AS SELECT body FROM notes");

        assertThatThrownBy(() -> backups.restore("guarded-db", b1.id(), addon.url()))
                .isInstanceOf(AddonBackupFailed.class)
                .hasMessageContaining("pg_restore failed").hasMessageContaining("depend");

        assertThat(rows(addon.url(), "SELECT body FROM notes ORDER BY body")).containsExactly("new", "old");
        assertThat(rows(addon.url(), "SELECT count(*) FROM other")).containsExactly("0");
    }

    @Test
    void aCaptureThatFailsKeepsNothing() throws Exception {
        ProvisionedAddon addon = postgres.provisioner().provision("refused-db");
        PgDumpBackups backups = new PgDumpBackups(dir);
        String wrongPassword = addon.url().replaceFirst(":[^:@]+@", ":wrong@");

        assertThatThrownBy(() -> backups.capture("refused-db", wrongPassword)).isInstanceOf(AddonBackupFailed.class)
                .hasMessageContaining("password authentication failed").hasMessageNotContaining("wrong@");
        assertThat(backups.backups("refused-db")).isEmpty();
        try (var files = Files.list(dir.resolve("refused-db"))) {
            assertThat(files).as("no partial dump is left").isEmpty();
        }
    }
}
