package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventsTest extends StoreTestSupport {

    @Test
    void recordsWhoDidWhatToAnAppAndWhen() {
        User dev = newUser("dev@example.com");
        store.createApp(admin.id(), name("hello"));
        store.addCollaborator(name("hello"), "dev@example.com", admin.id());
        clock.advance(Duration.ofSeconds(5));
        store.setConfig(name("hello"), Map.of("SECRET", "do-not-log-me"), dev.id());
        store.scale(name("hello"), Map.of("web", 2), dev.id());
        store.addDomain(name("hello"), "www.example.com", dev.id());
        store.removeDomain(name("hello"), "www.example.com", dev.id());
        store.rollback(name("hello"), 1, dev.id());
        store.unsetConfig(name("hello"), List.of("SECRET"), dev.id());
        store.removeCollaborator(name("hello"), "dev@example.com", admin.id());

        List<Event> events = store.events(name("hello"), Page.FIRST).items();

        assertThat(events).extracting(e -> e.action(), e -> e.actorEmail().orElseThrow(), Event::detail).containsExactly(
                tuple(EventAction.COLLABORATOR_REMOVE, "admin@example.com", "Remove collaborator dev@example.com"),
                tuple(EventAction.CONFIG_UNSET, "dev@example.com", "Remove SECRET config vars"),
                tuple(EventAction.ROLLBACK, "dev@example.com", "Rollback to v1"),
                tuple(EventAction.DOMAIN_REMOVE, "dev@example.com", "Remove domain www.example.com"),
                tuple(EventAction.DOMAIN_ADD, "dev@example.com", "Add domain www.example.com"),
                tuple(EventAction.SCALE, "dev@example.com", "Scale web=2"),
                tuple(EventAction.CONFIG_SET, "dev@example.com", "Set SECRET config vars"),
                tuple(EventAction.COLLABORATOR_ADD, "admin@example.com", "Add collaborator dev@example.com"),
                tuple(EventAction.APP_CREATE, "admin@example.com", "Create app hello"));
        Event set = events.get(6);
        assertThat(set.actor()).contains(dev.id());
        assertThat(set.app()).contains(name("hello"));
        assertThat(set.time()).isEqualTo(clock.instant());
        assertThat(events).allSatisfy(e -> assertThat(e.detail()).doesNotContain("do-not-log-me"));
    }

    @Test
    void recordsUserAndTokenChangesWithoutSecrets() {
        User dev = newUser("dev@example.com");
        NewToken token = store.createToken(dev.id(), "ci");
        store.revokeToken(dev.id(), token.token().id());

        List<Event> events = store.events(Page.FIRST).items();

        assertThat(events).extracting(Event::action).containsExactly(EventAction.TOKEN_REVOKE,
                EventAction.TOKEN_CREATE, EventAction.USER_CREATE, EventAction.USER_CREATE);
        assertThat(events.getLast().actor()).as("the platform created the first admin").isEmpty();
        assertThat(events.get(2).detail()).isEqualTo("Add user dev@example.com");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.app()).isEmpty();
            assertThat(e.detail()).doesNotContain(token.secret());
        });
    }

    @Test
    void pagesThroughEventsNewestFirst() {
        store.createApp(admin.id(), name("hello"));
        for (int i = 0; i < 4; i++) {
            store.scale(name("hello"), Map.of("web", i), admin.id());
        }
        Paged<Event> first = store.events(name("hello"), Page.first(2));
        Paged<Event> second = store.events(name("hello"), first.next().orElseThrow());
        Paged<Event> third = store.events(name("hello"), second.next().orElseThrow());

        assertThat(first.items()).extracting(Event::detail).containsExactly("Scale web=3", "Scale web=2");
        assertThat(second.items()).extracting(Event::detail).containsExactly("Scale web=1", "Scale web=0");
        assertThat(third.items()).extracting(Event::detail).containsExactly("Create app hello");
        assertThat(third.next()).isEqualTo(Optional.empty());
    }
}
