package dev.ferry.core.build;

import dev.ferry.core.store.UserId;
import java.util.Optional;

/**
 * Git over SSH's side of {@link PushAccess}: who an SSH key belongs to, then the same decision as for a
 * token, for a user the key authenticated. The platform implements it over the
 * {@link dev.ferry.core.store.Store}. Thread-safe.
 */
public interface KeyAccess {

    /** The user who registered the key with this fingerprint ({@code SHA256:...}), or empty. */
    Optional<UserId> userByKey(String fingerprint);

    /** Whether {@code user} may use the repository of the app named {@code app} (unchecked), as {@link PushAccess#decide}. */
    PushAccess.Decision decide(UserId user, String app);
}
