package dev.ferry.core.build;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.Objects;

/**
 * Decides whether the holder of an API token may use an app's git repository. In Ferry anyone with access
 * to an app (its owner, a collaborator, an admin) may both fetch from and push to it, so one decision covers
 * both directions. The platform implements it over the {@link dev.ferry.core.store.Store}. Thread-safe.
 */
@FunctionalInterface
public interface PushAccess {

    /** Whether {@code token} (possibly empty) may use the repository of the app named {@code app} (unchecked). */
    Decision decide(String token, String app);

    /** The answer of {@link #decide}. */
    sealed interface Decision permits Allowed, Denied {
    }

    /** Access granted to {@code user} for {@code app}. */
    record Allowed(UserId user, AppName app) implements Decision {
        public Allowed {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(app, "app");
        }
    }

    /** Access refused, with a sentence the git client shows to the user. */
    record Denied(Reason reason, String message) implements Decision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why access was refused; the git endpoint maps it to 401, 404 and 403. */
    enum Reason { UNAUTHENTICATED, UNKNOWN_APP, FORBIDDEN }
}
