package dev.ferry.build.queue;

import dev.ferry.build.BuildFailed;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.store.Build;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A pusher's claim on one queued build ({@link BuildQueue#submit}): the build as queued, and its outcome
 * once the queue has run it. Thread-safe.
 */
public final class BuildTicket {

    private final Build build;
    private final CompletableFuture<BuildOutcome> outcome = new CompletableFuture<>();

    BuildTicket(Build build) {
        this.build = build;
    }

    /** The build as it was queued (its id, app, commit and branch). */
    public Build build() {
        return build;
    }

    /**
     * Waits for the build to end.
     *
     * @return what it made
     * @throws BuildFailed with the reason, already written to the build's output
     * @throws InterruptedException when the waiting thread is interrupted; the build goes on
     */
    public BuildOutcome await() throws BuildFailed, InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BuildFailed failed) {
                throw failed;
            }
            throw new BuildFailed("the build failed unexpectedly (" + e.getCause() + ")", e.getCause());
        }
    }

    void succeeded(BuildOutcome result) {
        outcome.complete(result);
    }

    void failed(BuildFailed reason) {
        outcome.completeExceptionally(reason);
    }
}
