package dev.ferry.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpenSessionsTest {

    private static final UserId BOB = new UserId(2);
    private static final UserId CAROL = new UserId(3);
    private static final AppName HELLO = AppName.of("hello");
    private static final AppName OTHER = AppName.of("other");

    private final List<String> logged = new ArrayList<>();
    private final OpenSessions sessions = new OpenSessions((grant, reason) -> logged.add(grant.describe() + ": " + reason));

    private static SessionGrant grant(UserId user, AppName app) {
        return new SessionGrant(user, app, "log stream", "127.0.0.1");
    }

    @Test
    void closesTheSessionsAChangeConcernsThatAreNoLongerAllowed() {
        List<String> closed = new ArrayList<>();
        AtomicBoolean bobAllowed = new AtomicBoolean(true);
        sessions.open(grant(BOB, HELLO), bobAllowed::get, reason -> closed.add("bob on hello: " + reason));
        sessions.open(grant(BOB, OTHER), () -> false, reason -> closed.add("bob on other: " + reason));
        sessions.open(grant(CAROL, HELLO), () -> false, reason -> closed.add("carol on hello: " + reason));

        sessions.announce(new AccessChange.CollaboratorRemoved(BOB, HELLO));
        assertThat(closed).as("still allowed (another way in)").isEmpty();

        bobAllowed.set(false);
        sessions.announce(new AccessChange.CollaboratorRemoved(BOB, HELLO));
        sessions.announce(new AccessChange.CollaboratorRemoved(BOB, HELLO));
        assertThat(closed).containsExactly("bob on hello: access to hello was removed");
        assertThat(logged).containsExactly("log stream of user 2 on hello from 127.0.0.1: access to hello was removed");
        assertThat(sessions.count()).isEqualTo(2);

        sessions.announce(new AccessChange.AppDestroyed(HELLO));
        assertThat(closed).endsWith("carol on hello: the app hello was destroyed");
        sessions.announce(new AccessChange.TokenRevoked(BOB));
        assertThat(closed).endsWith("bob on other: the token was revoked");
        assertThat(sessions.count()).isZero();
    }

    @Test
    void aRecheckThatFailsClosesTheSessionAndAnEndedSessionIsNeverClosed() {
        List<String> closed = new ArrayList<>();
        sessions.open(grant(BOB, HELLO), () -> {
            throw new IllegalStateException("the store is unavailable");
        }, closed::add);
        SessionRegistry.Registration ended = sessions.open(grant(CAROL, HELLO), () -> false, reason -> closed.add("ended"));
        ended.close();

        sessions.announce(new AccessChange.AppDestroyed(HELLO));
        assertThat(closed).containsExactly("the app hello was destroyed");
    }
}
