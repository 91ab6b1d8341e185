package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonConflict;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonNotFound;
import dev.ferry.core.addons.AddonStore;
import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.StoreUnavailable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddonsStoreTest extends StoreTestSupport {

    private static final String URL = "postgres://addon_hello_db:Pa55w0rdS3cr3tV4lu3@127.0.0.1:5432/addon_hello_db";

    private AddonStore addons;

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
        addons = store.addons();
    }

    private Addon create(String name, String app, String var) {
        return addons.createAddon(name, AddonKind.POSTGRES, "default", name(app),
                new ProvisionedAddon("addon_" + name.replace('-', '_'), URL), var, admin.id());
    }

    @Test
    void keepsAnAddonWithItsOwnersAttachmentAndItsUrlSealedAtRest() throws Exception {
        Addon created = create("hello-db", "hello", "DATABASE_URL");

        assertThat(created.owner()).isEqualTo(name("hello"));
        assertThat(created.attachments()).containsExactly(new AddonAttachment(name("hello"), "DATABASE_URL"));
        assertThat(addons.addonsOf(name("hello"))).containsExactly(created);
        assertThat(addons.addonsOf(name("other"))).isEmpty();
        assertThat(addons.url("hello-db")).isEqualTo(URL);
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.ADDON_CREATE);
        if (kind == StoreKind.SQLITE) {
            store.close();
            assertThat(databaseFilesContain("Pa55w0rdS3cr3tV4lu3")).isFalse();
            store = reopen(ConfigKey.file(keyFile()));
            assertThat(store.addons().url("hello-db")).isEqualTo(URL);
        }
    }

    @Test
    void replacesTheUrlOfRotatedCredentialsSealedAndRecordsTheRotation() throws Exception {
        create("turned-db", "hello", "DATABASE_URL");
        String rotated = "postgres://addon_turned_db_r0a1b2c3d:N3wS3cr3tV4lu3xyz@127.0.0.1:5432/addon_turned_db";

        addons.updateUrl("turned-db", rotated, admin.id());

        assertThat(addons.url("turned-db")).isEqualTo(rotated);
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.ADDON_ROTATE);
        assertThatThrownBy(() -> addons.updateUrl("no-such-db", rotated, admin.id()))
                .isInstanceOf(AddonNotFound.class);
        if (kind == StoreKind.SQLITE) {
            store.close();
            assertThat(databaseFilesContain("N3wS3cr3tV4lu3xyz")).isFalse();
            store = reopen(ConfigKey.file(keyFile()));
            assertThat(store.addons().url("turned-db")).isEqualTo(rotated);
        }
    }

    @Test
    void attachesToAnotherAppAndDetachesButNeverFromItsOwner() {
        create("shared-db", "hello", "DATABASE_URL");

        addons.attach("shared-db", name("other"), "MAIN_URL", admin.id());

        assertThat(addons.addonsOf(name("other"))).extracting(Addon::name).containsExactly("shared-db");
        assertThat(addons.addon("shared-db").orElseThrow().attachments()).extracting(AddonAttachment::app)
                .containsExactly(name("hello"), name("other"));
        assertThatThrownBy(() -> addons.attach("shared-db", name("other"), "OTHER_URL", admin.id()))
                .isInstanceOf(AddonConflict.class);
        assertThatThrownBy(() -> addons.detach("shared-db", name("hello"), admin.id()))
                .isInstanceOf(AddonConflict.class).hasMessageContaining("addons:destroy");
        assertThat(addons.detach("shared-db", name("other"), admin.id()).configVar()).isEqualTo("MAIN_URL");
        assertThatThrownBy(() -> addons.detach("shared-db", name("other"), admin.id()))
                .isInstanceOf(AddonNotFound.class);
    }

    @Test
    void refusesATakenNameOrConfigVarAndChangesNothing() {
        create("taken-db", "hello", "DATABASE_URL");

        assertThatThrownBy(() -> create("taken-db", "other", "DATABASE_URL")).isInstanceOf(AddonConflict.class);
        assertThatThrownBy(() -> create("second-db", "hello", "DATABASE_URL")).isInstanceOf(AddonConflict.class);

        assertThat(addons.addon("second-db")).isEmpty();
        assertThat(addons.addonsOf(name("other"))).isEmpty();
    }

    @Test
    void forgetsAnAddonWithItsAttachments() {
        create("gone-db", "hello", "DATABASE_URL");
        addons.attach("gone-db", name("other"), "DATABASE_URL", admin.id());

        addons.removeAddon("gone-db", admin.id());

        assertThat(addons.addon("gone-db")).isEmpty();
        assertThat(addons.addonsOf(name("other"))).isEmpty();
        assertThatThrownBy(() -> addons.url("gone-db")).isInstanceOf(AddonNotFound.class);
        assertThatThrownBy(() -> addons.removeAddon("gone-db", admin.id())).isInstanceOf(AddonNotFound.class);
    }

    @Test
    void aUrlCopiedToAnotherAddonsRowDoesNotDecrypt() throws Exception {
        create("one-db", "hello", "DATABASE_URL");
        create("two-db", "other", "DATABASE_URL");

        execute("UPDATE addons SET url_sealed = (SELECT url_sealed FROM addons WHERE name = 'one-db') WHERE name = 'two-db'");

        assertThatThrownBy(() -> addons.url("two-db")).isInstanceOf(StoreUnavailable.class);
    }
}
