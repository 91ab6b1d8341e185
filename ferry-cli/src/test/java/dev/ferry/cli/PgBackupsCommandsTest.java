package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.addons.PgDumpBackups;
import dev.ferry.addons.PostgresAddonProvisioner;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.addons.AddonLifecycle;
import dev.ferry.control.addons.AddonsApi;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.store.AppName;
import dev.ferry.store.postgres.PostgresServerExtension;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pg:backups and pg:credentials commands against a real API, PostgreSQL, pg_dump and pg_restore. */
class PgBackupsCommandsTest {

    @RegisterExtension
    static final PostgresServerExtension postgres = new PostgresServerExtension();

    @TempDir
    Path home;
    @TempDir
    Path backups;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer(store -> List.of(new AddonsApi(store, store, store.addons(),
                new AddonLifecycle(store.addons(), store, Deployments.withoutRuntime(store), List.of(
                        new PostgresAddonProvisioner(AddonServerUrl.parse(postgres.server().url(""), PostgresServerProcess.PASSWORD))),
                        Optional.of(new PgDumpBackups(backups))))));
        cli = CliRun.asAdminOf(api, home);
        assertThat(cli.run("apps:create", "hello").exit()).isZero();
        assertThat(cli.run("apps:create", "other").exit()).isZero();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void capturesListsDownloadsRestoresAndDeletesBackups() throws Exception {
        assertThat(cli.run("addons:create", "postgres", "--name", "hello-db", "-a", "hello").exit()).isZero();
        assertThat(cli.run("pg:backups", "-a", "hello").out())
                .isEqualTo("hello-db has no backups (take one with: ferry pg:backups:capture -a hello)\n");

        CommandRunner.Result captured = cli.run("pg:backups:capture", "-a", "hello");
        assertThat(captured.out()).as(captured.err()).matches("Backed up hello-db as b001 \\(.+ (B|KiB)\\)\\n");
        assertThat(cli.run("pg:backups:capture", "-a", "hello").out()).contains(" as b002 ");
        CommandRunner.Result listed = cli.run("pg:backups", "-a", "hello");
        assertThat(listed.out()).contains("ID", "SIZE", "b001", "b002");
        assertThat(cli.run("pg:backups", "-a", "hello", "--json").out()).startsWith("[{\"id\":\"b001\",\"addon\":\"hello-db\"");

        CommandRunner.Result downloaded = cli.run("pg:backups:download", "-a", "hello");
        assertThat(downloaded.out()).as(downloaded.err()).startsWith("Wrote b002 of hello-db to "
                + home.resolve("hello-db-b002.dump"));
        assertThat(Files.readAllBytes(home.resolve("hello-db-b002.dump"))).startsWith("PGDMP".getBytes());
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }

        CommandRunner.Result restored = cli.run("pg:backups:restore", "b001", "-a", "hello", "--confirm", "hello");
        assertThat(restored.out()).as(restored.err()).isEqualTo("Restored b001 into hello-db\n");

        assertThat(cli.run("pg:backups:delete", "b001", "-a", "hello").out()).isEqualTo("Deleted b001 of hello-db\n");
        CommandRunner.Result again = cli.run("pg:backups:delete", "b001", "-a", "hello");
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("The add-on hello-db has no backup b001");
    }

    @Test
    void refusesWhatCannotBeWithOneClearLineAndChangesNothing() {
        assertThat(cli.run("addons:create", "postgres", "--name", "refused-db", "-a", "hello").exit()).isZero();
        cli.run("pg:backups:capture", "-a", "hello");

        CommandRunner.Result mismatch = cli.run("pg:backups:restore", "-a", "hello", "--confirm", "other");
        CommandRunner.Result missing = cli.run("pg:backups:restore", "-a", "hello");
        CommandRunner.Result none = cli.run("pg:backups", "-a", "other");
        CommandRunner.Result noBackups = cli.run("pg:backups:download", "-a", "other");

        assertThat(mismatch.exit()).isNotZero();
        assertThat(mismatch.err()).contains("--confirm other does not match the app hello; nothing was restored");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("--confirm");
        assertThat(none.err()).contains("other has no postgres add-on (create one with: ferry addons:create postgres -a other)");
        assertThat(noBackups.exit()).isNotZero();
        assertThat(cli.run("pg:credentials:rotate", "-a", "hello", "--confirm", "other").err())
                .contains("does not match the app hello; nothing was changed");
    }

    @Test
    void rotatesCredentialsAndSaysTheOldOnesAreRevoked() {
        assertThat(cli.run("addons:create", "postgres", "--name", "turned-db", "-a", "hello").exit()).isZero();
        String before = api.store.config(AppName.of("hello")).asMap().get("DATABASE_URL");

        CommandRunner.Result rotated = cli.run("pg:credentials:rotate", "-a", "hello");

        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).startsWith("New credentials for turned-db: addon_turned_db_r")
                .contains("Revoked the old credentials (addon_turned_db) and ended their sessions");
        assertThat(api.store.config(AppName.of("hello")).asMap().get("DATABASE_URL")).isNotEqualTo(before);
        assertThat(rotated.out() + rotated.err()).doesNotContain(before.split("[:@]")[2]);
    }
}
