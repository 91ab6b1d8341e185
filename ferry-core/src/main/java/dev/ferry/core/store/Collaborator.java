package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A user with access to an app: its owner or one of its collaborators ({@code access:add EMAIL}).
 *
 * @param since when the app was created (owner) or the collaborator added
 */
public record Collaborator(AppName app, User user, boolean owner, Instant since) {

    public Collaborator {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
    }
}
