package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.DrainExists;
import dev.ferry.core.store.DrainNotFound;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainsTest extends StoreTestSupport {

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
    }

    @Test
    void addsNormalisedDrainsWithTokens() {
        Drain syslog = store.addDrain(name("hello"), "SYSLOG://Logs.Example.com:514", admin.id());
        Drain https = store.addDrain(name("hello"), "https://logs.example.com/ingest?k=1", admin.id());

        assertThat(syslog.url()).isEqualTo("syslog://logs.example.com:514");
        assertThat(https.url()).isEqualTo("https://logs.example.com/ingest?k=1");
        assertThat(syslog.token()).startsWith("d.").isNotEqualTo(https.token());
        assertThat(store.drains(name("hello"))).containsExactly(syslog, https);
        assertThat(store.drains(name("other"))).isEmpty();
        assertThat(store.allDrains()).containsExactly(syslog, https);
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.DRAIN_ADD);
    }

    @Test
    void refusesTheSameUrlTwiceInOneAppButNotInAnother() {
        store.addDrain(name("hello"), "syslog+tls://logs.example.com:6514", admin.id());

        assertThatThrownBy(() -> store.addDrain(name("hello"), "syslog+tls://LOGS.example.com:6514", admin.id()))
                .isInstanceOf(DrainExists.class).hasMessageContaining("syslog+tls://logs.example.com:6514");
        assertThat(store.addDrain(name("other"), "syslog+tls://logs.example.com:6514", admin.id()).app())
                .isEqualTo(name("other"));
    }

    @Test
    void refusesUrlsThatAreNotDrains() {
        for (String bad : new String[] {"ftp://logs.example.com:21", "syslog://logs.example.com",
                "syslog://:514", "https://user:pw@logs.example.com/", "not a url", "syslog://h:70000",
                "syslog://h:514/path", "logs.example.com:514"}) {
            assertThatThrownBy(() -> store.addDrain(name("hello"), bad, admin.id())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drain URL");
        }
        assertThat(store.drains(name("hello"))).isEmpty();
        assertThatThrownBy(() -> store.addDrain(name("nope"), "syslog://h:514", admin.id()))
                .isInstanceOf(AppNotFound.class);
    }

    @Test
    void removesByUrlOrToken() {
        Drain a = store.addDrain(name("hello"), "syslog://a.example.com:514", admin.id());
        Drain b = store.addDrain(name("hello"), "http://b.example.com:8080/logs", admin.id());

        assertThatThrownBy(() -> store.removeDrain(name("other"), a.url(), admin.id()))
                .isInstanceOf(DrainNotFound.class);
        store.removeDrain(name("hello"), "SYSLOG://a.example.com:514", admin.id());
        store.removeDrain(name("hello"), b.token(), admin.id());
        assertThat(store.drains(name("hello"))).isEmpty();
        assertThatThrownBy(() -> store.removeDrain(name("hello"), b.token(), admin.id()))
                .isInstanceOf(DrainNotFound.class).hasMessageContaining(b.token());
        assertThat(store.events(name("hello"), Page.FIRST).items()).extracting(Event::action)
                .contains(EventAction.DRAIN_REMOVE);
    }

    @Test
    void destroyingAnAppRemovesItsDrains() {
        store.addDrain(name("hello"), "syslog://a.example.com:514", admin.id());
        store.destroyApp(name("hello"), admin.id());
        assertThat(store.allDrains()).isEmpty();
    }
}
