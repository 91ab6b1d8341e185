package dev.ferry.core.access;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.Objects;

/**
 * A narrowing of access that the control side announces through {@link AccessChanges} once the store holds it.
 * Each change names the sessions it may take away ({@link #concerns}); whether one really goes is decided by
 * checking that session's authorisation again, so a user who keeps access another way (another token, an admin)
 * keeps the session.
 */
public sealed interface AccessChange {

    /** True when a session of this grant may have lost its authorisation. */
    boolean concerns(SessionGrant grant);

    /** A short sentence for logs and for the closed session's client. */
    String reason();

    /** One of the user's API tokens was revoked ({@code tokens:revoke}). */
    record TokenRevoked(UserId user) implements AccessChange {
        public TokenRevoked {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public boolean concerns(SessionGrant grant) {
            return grant.user().equals(user);
        }

        @Override
        public String reason() {
            return "the token was revoked";
        }
    }

    /** The user was removed from the app's collaborators ({@code access:remove}). */
    record CollaboratorRemoved(UserId user, AppName app) implements AccessChange {
        public CollaboratorRemoved {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(app, "app");
        }

        @Override
        public boolean concerns(SessionGrant grant) {
            return grant.user().equals(user) && grant.app().equals(app);
        }

        @Override
        public String reason() {
            return "access to " + app + " was removed";
        }
    }

    /** The app was destroyed ({@code apps:destroy}). */
    record AppDestroyed(AppName app) implements AccessChange {
        public AppDestroyed {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public boolean concerns(SessionGrant grant) {
            return grant.app().equals(app);
        }

        @Override
        public String reason() {
            return "the app " + app + " was destroyed";
        }
    }

    /** One of the user's SSH keys was removed ({@code keys:remove}); sessions opened with another key stay. */
    record KeyRemoved(UserId user) implements AccessChange {
        public KeyRemoved {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public boolean concerns(SessionGrant grant) {
            return grant.user().equals(user);
        }

        @Override
        public String reason() {
            return "the SSH key was removed";
        }
    }
}
