package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.ReleaseStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestroyAppTest extends StoreTestSupport {

    private static final List<String> APP_TABLES = List.of("collaborators", "config_vars", "releases",
            "release_config_vars", "release_process_types", "formation", "domains");

    @Test
    void removesEverythingOfTheAppAndNothingElse() throws Exception {
        newUser("dev@example.com");
        for (String app : List.of("doomed", "keeper")) {
            store.createApp(admin.id(), name(app));
            store.addCollaborator(name(app), "dev@example.com", admin.id());
            store.setConfig(name(app), Map.of("A", "1"), admin.id());
            store.createDeployRelease(name(app), "slug", "abcdef0", Map.of("web", "run"), admin.id());
            store.setReleaseStatus(name(app), 2, ReleaseStatus.SUCCEEDED, admin.id());
            store.scale(name(app), Map.of("web", 2), admin.id());
            store.addDomain(name(app), app + ".example.com", admin.id());
        }
        long keeperRows = rowsOf("keeper");

        DestroyedApp destroyed = store.destroyApp(name("doomed"), admin.id());

        assertThat(destroyed.app().name()).isEqualTo(name("doomed"));
        assertThat(destroyed.domains()).extracting(AppDomain::hostname).containsExactly("doomed.example.com");
        assertThat(store.app(name("doomed"))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM apps WHERE name = 'doomed'")).isZero();
        for (String table : APP_TABLES) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE app_id NOT IN (SELECT id FROM apps)"))
                    .as(table).isZero();
        }
        assertThat(rowsOf("keeper")).isEqualTo(keeperRows);
        assertThat(store.config(name("keeper")).get("A")).contains("1");
        assertThat(store.domain("doomed.example.com")).isEmpty();
        assertThatThrownBy(() -> store.destroyApp(name("doomed"), admin.id())).isInstanceOf(AppNotFound.class);
    }

    @Test
    void freesTheNameAndDomainsAndKeepsTheAuditTrail() {
        store.createApp(admin.id(), name("hello"));
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.addDomain(name("hello"), "www.example.com", admin.id());

        store.destroyApp(name("hello"), admin.id());
        store.createApp(admin.id(), name("hello"));

        assertThat(store.addDomain(name("hello"), "www.example.com", admin.id())).isNotNull();
        assertThat(store.config(name("hello")).isEmpty()).isTrue();
        assertThat(store.releases(name("hello"), Page.FIRST).items()).isEmpty();
        assertThat(store.setConfig(name("hello"), Map.of("B", "2"), admin.id()).version()).isEqualTo(1);
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .as("the new app does not inherit the old one's events")
                .containsExactly(EventAction.CONFIG_SET, EventAction.DOMAIN_ADD, EventAction.APP_CREATE);
        assertThat(store.events(Page.FIRST).items()).extracting(Event::detail).contains("Destroy app hello");
    }

    private long rowsOf(String app) throws Exception {
        long total = 0;
        for (String table : APP_TABLES) {
            total += count("SELECT COUNT(*) FROM " + table + " WHERE app_id = (SELECT id FROM apps WHERE name = '"
                    + app + "')");
        }
        return total;
    }
}
