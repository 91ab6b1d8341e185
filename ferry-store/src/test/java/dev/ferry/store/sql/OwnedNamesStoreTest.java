package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.DomainTaken;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's side of owned names and of destroy-means-gone. */
class OwnedNamesStoreTest extends StoreTestSupport {

    private static final String SHARED = "a".repeat(64);
    private static final String OWN = "b".repeat(64);

    @Test
    void refusesANewAppNameWithTheTunnelSeparator() {
        assertThatThrownBy(() -> store.createApp(admin.id(), name("alpha--dev")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--'");
        assertThat(store.allApps()).isEmpty();
    }

    @Test
    void tellsWhichSlugsOfADestroyedAppNoOtherAppUsesAndItsBuilds() {
        for (String app : new String[] {"doomed", "keeper"}) {
            store.createApp(admin.id(), name(app));
            store.createDeployRelease(name(app), SHARED, "abcdef0", Map.of("web", "run"), admin.id());
        }
        store.createDeployRelease(name("doomed"), OWN, "abcdef1", Map.of("web", "run"), admin.id());
        BuildId build = store.enqueueBuild(name("doomed"), "0".repeat(40), "main", admin.id()).id();

        DestroyedApp destroyed = store.destroyApp(name("doomed"), admin.id());

        assertThat(destroyed.unusedSlugs()).containsExactly(OWN);
        assertThat(destroyed.builds()).containsExactly(build);
    }

    @Test
    void forcesADomainOverAnotherAppOrARouteWithAnEventAndKnowsWhichRoutesItOwns() {
        store.createApp(admin.id(), name("first"));
        store.createApp(admin.id(), name("second"));
        assertThat(store.addDomain(name("first"), "www.example.com", admin.id()).ownsRoute()).isTrue();

        AppDomain moved = store.forceDomain(name("second"), "www.example.com", false, admin.id());
        assertThat(moved.app()).isEqualTo(name("second"));
        assertThat(store.domains(name("first"))).isEmpty();
        assertThat(store.events(name("second"), Page.FIRST).items().get(0).action()).isEqualTo(EventAction.DOMAIN_FORCE);
        assertThatThrownBy(() -> store.forceDomain(name("second"), "www.example.com", false, admin.id()))
                .isInstanceOf(DomainTaken.class);

        assertThat(store.forceDomain(name("first"), "internal.corp", true, admin.id()).ownsRoute()).isFalse();
        assertThat(store.removeDomain(name("first"), "internal.corp", admin.id()).ownsRoute()).isFalse();
        assertThat(store.removeDomain(name("second"), "www.example.com", admin.id()).ownsRoute()).isTrue();
    }

    @Test
    void provesItCanBeWritten() {
        store.checkWritable();
        store.checkWritable();
    }
}
