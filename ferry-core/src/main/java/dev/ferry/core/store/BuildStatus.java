package dev.ferry.core.store;

/**
 * Where a {@link Build} stands. A build is {@link #QUEUED} when a push (or a restart) asks for it, then
 * {@link #RUNNING} while the build queue works on it, then {@link #SUCCEEDED} or {@link #FAILED} once.
 */
public enum BuildStatus {
    /** Waiting for its turn: one build at a time per app, a few at a time overall. */
    QUEUED,
    /** Being built now. */
    RUNNING,
    /** It made a slug; its release version is set once the release is recorded. */
    SUCCEEDED,
    /** It made nothing; {@link Build#failure()} says why. */
    FAILED;

    /** True for {@link #SUCCEEDED} and {@link #FAILED}, which never change again. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
