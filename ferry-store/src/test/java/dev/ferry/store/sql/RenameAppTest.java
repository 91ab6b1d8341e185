package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppNameTaken;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ServingCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenameAppTest extends StoreTestSupport {

    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nR3N4M3K3Y\n-----END PRIVATE KEY-----\n";

    @Test
    void keepsEverythingOfTheAppUnderItsNewName() {
        newUser("dev@example.com");
        store.createApp(admin.id(), name("old"));
        store.addCollaborator(name("old"), "dev@example.com", admin.id());
        store.setConfig(name("old"), Map.of("SECRET", "s3cr3t"), admin.id());
        store.createDeployRelease(name("old"), "slug", "abcdef0", Map.of("web", "run"), admin.id());
        store.setReleaseStatus(name("old"), 2, ReleaseStatus.SUCCEEDED, admin.id());
        store.scale(name("old"), Map.of("web", 2), admin.id());
        store.addDomain(name("old"), "www.example.com", admin.id());
        store.certificates().putCertificate(new Certificate("www", name("old"), List.of("www.example.com"),
                "CN=www.example.com", "CN=Test CA", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), "sha256:www", "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n", Instant.parse("2026-06-01T00:00:00Z")), KEY, admin.id());

        App renamed = store.renameApp(name("old"), name("new"), admin.id());

        assertThat(renamed.name()).isEqualTo(name("new"));
        assertThat(store.app(name("old"))).isEmpty();
        assertThat(store.app(name("new"))).contains(renamed);
        assertThat(store.config(name("new")).get("SECRET")).as("re-sealed under the new name").contains("s3cr3t");
        Release current = store.currentRelease(name("new")).orElseThrow();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.config().get("SECRET")).contains("s3cr3t");
        assertThat(store.release(name("new"), 1).orElseThrow().config().get("SECRET")).contains("s3cr3t");
        assertThat(store.formation(name("new")).quantities()).containsEntry("web", 2);
        assertThat(store.domains(name("new"))).extracting(AppDomain::hostname).containsExactly("www.example.com");
        assertThat(store.domain("www.example.com").orElseThrow().app()).isEqualTo(name("new"));
        assertThat(store.collaborators(name("new"))).extracting(c -> c.user().email())
                .containsExactly("admin@example.com", "dev@example.com");
        assertThat(store.certificates().servingCertificates()).extracting(ServingCertificate::privateKeyPem)
                .containsExactly(KEY);
        assertThat(store.events(name("new"), Page.FIRST).items()).extracting(Event::action)
                .startsWith(EventAction.APP_RENAME).contains(EventAction.APP_CREATE);
        assertThat(store.events(name("new"), Page.FIRST).items().getFirst().detail())
                .isEqualTo("Rename app old to new");
    }

    @Test
    void refusesATakenOrInvalidNameAndChangesNothing() {
        store.createApp(admin.id(), name("old"));
        store.createApp(admin.id(), name("other"));
        store.setConfig(name("old"), Map.of("A", "1"), admin.id());

        assertThatThrownBy(() -> store.renameApp(name("old"), name("other"), admin.id()))
                .isInstanceOf(AppNameTaken.class);
        assertThatThrownBy(() -> store.renameApp(name("old"), name("old"), admin.id()))
                .isInstanceOf(AppNameTaken.class);
        assertThatThrownBy(() -> store.renameApp(name("old"), name("my--tunnel"), admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.renameApp(name("nope"), name("fresh"), admin.id()))
                .isInstanceOf(AppNotFound.class);

        assertThat(store.app(name("old"))).isPresent();
        assertThat(store.app(name("fresh"))).isEmpty();
        assertThat(store.config(name("old")).get("A")).contains("1");
        assertThat(store.events(name("old"), Page.FIRST).items()).extracting(Event::action)
                .doesNotContain(EventAction.APP_RENAME);
    }

    @Test
    void rollsBackWhenASealedValueDoesNotOpen() throws Exception {
        store.createApp(admin.id(), name("old"));
        store.setConfig(name("old"), Map.of("A", "1", "B", "2"), admin.id());
        store.createApp(admin.id(), name("thief"));
        store.setConfig(name("thief"), Map.of("B", "x"), admin.id());
        // B of old now holds a value sealed for another app: it does not open, so the rename must fail whole
        execute("UPDATE config_vars SET sealed_value = (SELECT sealed_value FROM config_vars c"
                + " WHERE c.app_id = (SELECT id FROM apps WHERE name = 'thief') AND c.name = 'B')"
                + " WHERE name = 'B' AND app_id = (SELECT id FROM apps WHERE name = 'old')");

        assertThatThrownBy(() -> store.renameApp(name("old"), name("new"), admin.id()))
                .hasMessageContaining("does not decrypt");

        assertThat(store.app(name("old"))).isPresent();
        assertThat(store.app(name("new"))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM config_vars WHERE app_id = (SELECT id FROM apps WHERE name = 'old')"
                + " AND name = 'A'")).isOne();
    }
}
