package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.CannotRollBack;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseAlreadyFinal;
import dev.ferry.core.store.ReleaseNotFound;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.UnknownProcessType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleasesTest extends StoreTestSupport {

    private static final Map<String, String> PROCFILE = Map.of("web", "node server.js", "worker", "node work.js");

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
    }

    @Test
    void numbersReleasesPerAppFromOne() {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.setConfig(name("hello"), Map.of("A", "2"), admin.id());
        store.setConfig(name("other"), Map.of("A", "1"), admin.id());
        Release third = store.setConfig(name("hello"), Map.of("A", "3"), admin.id());

        assertThat(third.version()).isEqualTo(3);
        assertThat(third.label()).isEqualTo("v3");
        assertThat(store.releases(name("hello"), Page.FIRST).items()).extracting(Release::version)
                .containsExactly(3, 2, 1);
        assertThat(store.releases(name("other"), Page.FIRST).items()).extracting(Release::version).containsExactly(1);
    }

    @Test
    void keepsEachReleasesOwnConfig() {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.setConfig(name("hello"), Map.of("A", "2", "B", "x"), admin.id());

        assertThat(store.release(name("hello"), 1).orElseThrow().config().asMap()).containsExactly(Map.entry("A", "1"));
        assertThat(store.release(name("hello"), 2).orElseThrow().config().asMap())
                .isEqualTo(Map.of("A", "2", "B", "x"));
        assertThat(store.release(name("hello"), 3)).isEmpty();
    }

    @Test
    void deployCreatesAPendingReleaseAndAFirstFormation() {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        Release deploy = store.createDeployRelease(name("hello"), "slug-abc", "1a2b3c4d5e6f", PROCFILE, admin.id());

        assertThat(deploy.version()).isEqualTo(2);
        assertThat(deploy.description()).isEqualTo("Deploy 1a2b3c4");
        assertThat(deploy.status()).isEqualTo(ReleaseStatus.PENDING);
        assertThat(deploy.slugId()).contains("slug-abc");
        assertThat(deploy.processTypes()).isEqualTo(PROCFILE);
        assertThat(deploy.config().asMap()).containsExactly(Map.entry("A", "1"));
        assertThat(deploy.createdBy()).isEqualTo(admin.id());
        assertThat(store.formation(name("hello")).quantities()).isEqualTo(Map.of("web", 1, "worker", 0));
        assertThat(store.currentRelease(name("hello")).orElseThrow().version()).as("pending is not current").isEqualTo(1);

        Release done = store.setReleaseStatus(name("hello"), 2, ReleaseStatus.SUCCEEDED, admin.id());
        assertThat(done.status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThat(store.currentRelease(name("hello"))).contains(done);
        assertThatThrownBy(() -> store.setReleaseStatus(name("hello"), 2, ReleaseStatus.FAILED, admin.id()))
                .isInstanceOf(ReleaseAlreadyFinal.class).hasMessage("Release v2 of hello is already succeeded.");
        assertThatThrownBy(() -> store.setReleaseStatus(name("hello"), 9, ReleaseStatus.FAILED, admin.id()))
                .isInstanceOf(ReleaseNotFound.class);
    }

    @Test
    void configReleaseCarriesTheCurrentSlugAndProcessTypes() {
        store.createDeployRelease(name("hello"), "slug-1", "aaaaaaa", PROCFILE, admin.id());
        store.setReleaseStatus(name("hello"), 1, ReleaseStatus.SUCCEEDED, admin.id());

        Release config = store.setConfig(name("hello"), Map.of("A", "1"), admin.id());

        assertThat(config.slugId()).contains("slug-1");
        assertThat(config.processTypes()).isEqualTo(PROCFILE);
        assertThat(config.status()).as("waits for the runtime").isEqualTo(ReleaseStatus.PENDING);
        assertThat(store.setConfig(name("other"), Map.of("A", "1"), admin.id()).status())
                .as("nothing to run without a slug").isEqualTo(ReleaseStatus.SUCCEEDED);
    }

    @Test
    void failsAPendingReleaseAndRecordsWhy() {
        store.createDeployRelease(name("hello"), "slug-1", "aaaaaaa", PROCFILE, admin.id());

        Release failed = store.failRelease(name("hello"), 1, "web.1 did not become\nhealthy within 60 s", admin.id());

        assertThat(failed.status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(store.release(name("hello"), 1).orElseThrow().status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(store.events(name("hello"), Page.FIRST).items().getFirst().detail())
                .isEqualTo("Mark v1 failed: web.1 did not become healthy within 60 s");
        assertThatThrownBy(() -> store.failRelease(name("hello"), 1, "again", admin.id()))
                .isInstanceOf(ReleaseAlreadyFinal.class);
        assertThatThrownBy(() -> store.failRelease(name("hello"), 5, "none", admin.id()))
                .isInstanceOf(ReleaseNotFound.class);
    }

    @Test
    void rollbackMakesANewReleaseWithThatVersionsConfig() {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.createDeployRelease(name("hello"), "slug-2", "bbbbbbb", PROCFILE, admin.id());
        store.setReleaseStatus(name("hello"), 2, ReleaseStatus.SUCCEEDED, admin.id());
        store.setConfig(name("hello"), Map.of("A", "changed", "B", "new"), admin.id());

        Release rollback = store.rollback(name("hello"), 2, admin.id());

        assertThat(rollback.version()).isEqualTo(4);
        assertThat(rollback.description()).isEqualTo("Rollback to v2");
        assertThat(rollback.status()).isEqualTo(ReleaseStatus.PENDING);
        assertThat(rollback.config().asMap()).containsExactly(Map.entry("A", "1"));
        assertThat(rollback.slugId()).contains("slug-2");
        assertThat(store.config(name("hello")).asMap()).containsExactly(Map.entry("A", "1"));
        assertThat(store.release(name("hello"), 3).orElseThrow().config().asMap())
                .as("v3 unchanged").containsEntry("A", "changed");
    }

    @Test
    void rollbackWithoutAVersionGoesToThePreviousSucceededRelease() {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.setConfig(name("hello"), Map.of("A", "2"), admin.id());
        store.createDeployRelease(name("hello"), "slug-3", "ccccccc", PROCFILE, admin.id());
        store.setReleaseStatus(name("hello"), 3, ReleaseStatus.FAILED, admin.id());

        Release rollback = store.rollbackToPrevious(name("hello"), admin.id());

        assertThat(rollback.description()).isEqualTo("Rollback to v1");
        assertThat(store.config(name("hello")).get("A")).contains("1");
    }

    @Test
    void refusesRollbackToAFailedOrMissingRelease() {
        assertThatThrownBy(() -> store.rollbackToPrevious(name("hello"), admin.id()))
                .isInstanceOf(CannotRollBack.class);
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());
        store.createDeployRelease(name("hello"), "slug-2", "ddddddd", PROCFILE, admin.id());
        store.setReleaseStatus(name("hello"), 2, ReleaseStatus.FAILED, admin.id());

        assertThatThrownBy(() -> store.rollback(name("hello"), 2, admin.id()))
                .isInstanceOf(CannotRollBack.class).hasMessage("Cannot roll back hello: v2 failed.");
        assertThatThrownBy(() -> store.rollback(name("hello"), 7, admin.id()))
                .isInstanceOf(ReleaseNotFound.class).hasMessage("The app hello has no release v7.");
        assertThatThrownBy(() -> store.rollbackToPrevious(name("hello"), admin.id()))
                .isInstanceOf(CannotRollBack.class).hasMessageContaining("no release before v1");
        assertThat(store.releases(name("hello"), Page.FIRST).items()).hasSize(2);
    }

    @Test
    void releasesCannotBeChangedInTheDatabase() throws Exception {
        store.setConfig(name("hello"), Map.of("A", "1"), admin.id());

        assertThatThrownBy(() -> execute("UPDATE releases SET description = 'rewritten'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("releases are immutable");
        assertThatThrownBy(() -> execute("UPDATE releases SET status = 'FAILED'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("releases are immutable");
        assertThatThrownBy(() -> execute("UPDATE release_config_vars SET name = 'B'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("releases are immutable");
        assertThat(store.release(name("hello"), 1).orElseThrow().description()).isEqualTo("Set A config vars");
    }

    @Test
    void pagesThroughReleasesNewestFirst() {
        for (int i = 1; i <= 7; i++) {
            store.setConfig(name("hello"), Map.of("N", Integer.toString(i)), admin.id());
        }
        List<Integer> seen = new ArrayList<>();
        Page page = Page.first(3);
        for (int i = 0; i < 10; i++) {
            Paged<Release> paged = store.releases(name("hello"), page);
            paged.items().forEach(r -> seen.add(r.version()));
            if (paged.next().isEmpty()) {
                break;
            }
            page = paged.next().get();
        }
        assertThat(seen).containsExactly(7, 6, 5, 4, 3, 2, 1);
        assertThatThrownBy(() -> store.releases(name("hello"), Page.after("bogus", 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scalesDeclaredProcessTypes() {
        store.createDeployRelease(name("hello"), "slug-1", "eeeeeee", PROCFILE, admin.id());

        Formation scaled = store.scale(name("hello"), Map.of("web", 3, "worker", 2), admin.id());

        assertThat(scaled.quantities()).isEqualTo(Map.of("web", 3, "worker", 2));
        assertThat(store.formation(name("hello")).quantity("web")).isEqualTo(3);
        assertThatThrownBy(() -> store.scale(name("hello"), Map.of("web", 1, "clock", 1), admin.id()))
                .isInstanceOf(UnknownProcessType.class).hasMessage("The app hello has no process type clock in its Procfile.");
        assertThatThrownBy(() -> store.scale(name("hello"), Map.of("web", -1), admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.formation(name("hello")).quantity("web")).as("unchanged by the failures").isEqualTo(3);
    }
}
