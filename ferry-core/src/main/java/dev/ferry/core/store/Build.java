package dev.ferry.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One build of an app: a commit pushed to a deploy branch, built by the build queue into a slug that becomes a
 * release. Kept after it ends, with its output in the build queue's log files ({@code ferry builds},
 * {@code ferry builds:output ID}). Immutable: the store returns a new record for each change.
 *
 * @param commit         the full 40-hex-digit commit id
 * @param branch         the branch pushed to, e.g. {@code main}
 * @param createdBy      the user whose push queued it
 * @param buildpack      the buildpack that built it, once it succeeded
 * @param releaseVersion the release it became, once that release is recorded
 * @param failure        why it failed, a sentence for people; only for {@link BuildStatus#FAILED}
 * @param startedAt      when it started running
 * @param finishedAt     when it succeeded or failed
 */
public record Build(BuildId id, AppName app, String commit, String branch, UserId createdBy, BuildStatus status,
                    Optional<String> buildpack, Optional<Integer> releaseVersion, Optional<String> failure,
                    Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt) {

    public Build {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        requireCommit(commit);
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(buildpack, "buildpack");
        Objects.requireNonNull(releaseVersion, "releaseVersion");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** The commit shortened to 7 characters, as releases show it. */
    public String shortCommit() {
        return commit.substring(0, 7);
    }

    /** Checks a full commit id: 40 lower-case hex digits. */
    public static String requireCommit(String commit) {
        if (commit == null || !commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a full commit id: " + commit);
        }
        return commit;
    }
}
