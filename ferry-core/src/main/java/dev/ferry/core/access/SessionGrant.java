package dev.ferry.core.access;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.Objects;

/**
 * What one long-lived session (a tunnel, a log stream, a {@code run} process, a git command) was authorised
 * for: the user, the app, and for log lines the kind of session and the client's address.
 *
 * @param kind   e.g. {@code tunnel}, {@code log stream}, {@code run}, {@code git over SSH}
 * @param client the client's address as text, or {@code unknown}
 */
public record SessionGrant(UserId user, AppName app, String kind, String client) {

    public SessionGrant {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(client, "client");
    }

    /** {@code <kind> of user <id> on <app> from <client>}, for log lines. */
    public String describe() {
        return kind + " of user " + user + " on " + app + " from " + client;
    }
}
