package dev.ferry.core.build;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.Objects;

/**
 * One build to run: the commit pushed to an app's deploy branch and who pushed it.
 *
 * @param app      the app whose repository received the push
 * @param commit   the full 40-hex-digit id of the pushed commit
 * @param branch   the branch pushed to, without {@code refs/heads/} ({@code main} or {@code master})
 * @param pushedBy the user whose token authenticated the push; the release names them
 */
public record BuildRequest(AppName app, String commit, String branch, UserId pushedBy) {

    public BuildRequest {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(pushedBy, "pushedBy");
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a full commit id: " + commit);
        }
    }

    /** The commit shortened to 7 characters, as releases show it. */
    public String shortCommit() {
        return commit.substring(0, 7);
    }
}
