package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.sql.internal.SecretKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigVarsStorageTest extends StoreTestSupport {

    private static final Map<String, String> AWKWARD = awkward();

    private static Map<String, String> awkward() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SPACES", "  two words  ");
        values.put("QUOTES", "it's \"quoted\" and `ticked`");
        values.put("NEWLINES", "line one\nline two\r\nline three\n");
        values.put("EQUALS", "a=b=c==");
        values.put("UNICODE", "naïve café — 日本語 🚢");
        values.put("EMPTY", "");
        values.put("SHELL", "$(rm -rf /); echo $HOME \\ %PATH%");
        return values;
    }

    @BeforeEach
    void createApp() {
        store.createApp(admin.id(), name("hello"));
    }

    @Test
    void keepsAwkwardValuesExactly() {
        store.setConfig(name("hello"), AWKWARD, admin.id());

        assertThat(store.config(name("hello")).asMap()).isEqualTo(AWKWARD);
        store.close();
        store = reopen(ConfigKey.file(keyFile()));
        assertThat(store.config(name("hello")).asMap()).isEqualTo(AWKWARD);
    }

    @Test
    void setsSomeAndRemovesOthersInOneReleaseAndOneTransaction() {
        store.setConfig(name("hello"), Map.of("A", "1", "B", "2"), admin.id());

        Release release = store.changeConfig(name("hello"), Map.of("C", "3"), List.of("A"), admin.id());

        assertThat(release.version()).isEqualTo(2);
        assertThat(release.description()).isEqualTo("Set C and remove A config vars");
        assertThat(release.config().asMap()).isEqualTo(Map.of("B", "2", "C", "3"));
        assertThat(store.config(name("hello")).asMap()).isEqualTo(Map.of("B", "2", "C", "3"));
        assertThatThrownBy(() -> store.changeConfig(name("hello"), Map.of("B", "9"), List.of("B"), admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.changeConfig(name("hello"), Map.of("D", "4"), List.of("1BAD"), admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.config(name("hello")).asMap()).isEqualTo(Map.of("B", "2", "C", "3"));
        assertThat(store.releases(name("hello"), dev.ferry.core.store.Page.FIRST).items()).hasSize(2);
    }

    @Test
    void setsSeveralVarsInOneRelease() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("A", "1");
        set.put("B", "2");

        Release release = store.setConfig(name("hello"), set, admin.id());

        assertThat(release.version()).isEqualTo(1);
        assertThat(release.description()).isEqualTo("Set A, B config vars");
        assertThat(release.config().asMap()).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(store.config(name("hello"))).isEqualTo(ConfigVars.of(set));
    }

    @Test
    void replacesAndRemovesVars() {
        store.setConfig(name("hello"), Map.of("A", "1", "B", "2"), admin.id());
        store.setConfig(name("hello"), Map.of("A", "one"), admin.id());
        Release removed = store.unsetConfig(name("hello"), List.of("B", "NEVER_SET"), admin.id());

        assertThat(store.config(name("hello")).asMap()).containsExactly(Map.entry("A", "one"));
        assertThat(removed.description()).isEqualTo("Remove B, NEVER_SET config vars");
        assertThat(removed.version()).isEqualTo(3);
    }

    @Test
    void aFailureMidwayLeavesNothing() throws Exception {
        store.setConfig(name("hello"), Map.of("KEEP", "old"), admin.id());
        // Fails the transaction after the new values are written and the release row is inserted.
        failInsertsOfVar("BOOM");
        Map<String, String> set = new LinkedHashMap<>();
        set.put("KEEP", "new");
        set.put("ADDED", "x");
        set.put("BOOM", "y");

        assertThatThrownBy(() -> store.setConfig(name("hello"), set, admin.id()))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("injected failure");

        assertThat(store.config(name("hello")).asMap()).containsExactly(Map.entry("KEEP", "old"));
        assertThat(store.releases(name("hello"), dev.ferry.core.store.Page.FIRST).items()).hasSize(1);
        assertThat(count("SELECT last_version FROM apps")).isEqualTo(1);
        execute(kind == StoreKind.SQLITE ? "DROP TRIGGER fail_midway" : "DROP TRIGGER fail_midway ON release_config_vars");
        assertThat(store.setConfig(name("hello"), set, admin.id()).version()).as("the next one is v2").isEqualTo(2);
    }

    /** Makes the database fail an insert of a release's var named {@code name}, as a full disk would. */
    private void failInsertsOfVar(String name) throws SQLException {
        if (kind == StoreKind.SQLITE) {
            execute("CREATE TRIGGER fail_midway BEFORE INSERT ON release_config_vars WHEN NEW.name = '" + name + "'"
                    + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        } else {
            execute("CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = '" + name
                    + "' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$");
            execute("CREATE TRIGGER fail_midway BEFORE INSERT ON release_config_vars FOR EACH ROW"
                    + " EXECUTE FUNCTION fail_midway()");
        }
    }

    @Test
    void anInvalidVarLeavesNothing() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("GOOD", "1");
        set.put("BAD NAME", "2");

        assertThatThrownBy(() -> store.setConfig(name("hello"), set, admin.id()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAD NAME");
        assertThatThrownBy(() -> store.setConfig(name("hello"), Map.of("NUL", "a\0b"), admin.id()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL character");
        assertThatThrownBy(() -> store.setConfig(name("hello"), Map.of(), admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.config(name("hello")).isEmpty()).isTrue();
    }

    @Test
    void storesNoPlaintextValue() throws Exception {
        String secret = "sk_live_d0n0tl3akm3_0123456789";
        store.setConfig(name("hello"), Map.of("STRIPE_KEY", secret, "GREETING", "bonjour tout le monde"), admin.id());
        store.setConfig(name("hello"), Map.of("OTHER", "x"), admin.id());

        assertThat(databaseFilesContain(secret)).isFalse();
        assertThat(databaseFilesContain("bonjour tout le monde")).isFalse();
        assertThat(databaseFilesContain("STRIPE_KEY")).as("names are not secret, and prove the scan works").isTrue();
    }

    @Test
    void aValueMovedToAnotherAppsRowDoesNotDecrypt() throws Exception {
        store.createApp(admin.id(), name("other"));
        store.setConfig(name("hello"), Map.of("TOKEN", "hello's secret"), admin.id());
        store.setConfig(name("other"), Map.of("TOKEN", "other's secret"), admin.id());

        execute("UPDATE config_vars SET sealed_value = (SELECT c.sealed_value FROM config_vars c JOIN apps a"
                + " ON a.id = c.app_id WHERE a.name = 'hello') WHERE app_id = (SELECT id FROM apps WHERE name = 'other')");

        assertThatThrownBy(() -> store.config(name("other")))
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("does not decrypt");
        assertThat(store.config(name("hello")).get("TOKEN")).contains("hello's secret");
    }

    @Test
    void createsTheKeyFileOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(keyFile()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(keyFile()).strip()).hasSize(44);
    }

    @Test
    void refusesToOpenWithAnotherKey() {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.close();
        Path otherKey = dataDir.resolve("other.key");
        SecretKeyFile.loadOrCreate(otherKey);

        assertThatThrownBy(() -> reopen(ConfigKey.file(otherKey)))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("is not the key the database");

        store = reopen(ConfigKey.file(keyFile()));
        assertThat(store.config(name("hello")).get("A")).contains("1");
    }

    @Test
    void refusesToMakeANewKeyForADatabaseThatHadOne() throws Exception {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.close();
        Path moved = dataDir.resolve("backup.key");
        Files.move(keyFile(), moved);

        assertThatThrownBy(() -> reopen(ConfigKey.file(keyFile())))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("is missing").hasMessageContaining("restore it from your backup");
        assertThat(keyFile()).doesNotExist();

        Files.move(moved, keyFile());
        store = reopen(ConfigKey.file(keyFile()));
        assertThat(store.config(name("hello")).get("A")).contains("1");
    }

    @Test
    void configOfAnUnknownAppIsNotFound() {
        assertThatThrownBy(() -> store.config(name("nope"))).isInstanceOf(AppNotFound.class);
        assertThatThrownBy(() -> store.setConfig(name("nope"), Map.of("A", "1"), admin.id()))
                .isInstanceOf(AppNotFound.class);
    }
}
