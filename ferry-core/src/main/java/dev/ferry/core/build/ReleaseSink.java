package dev.ferry.core.build;

import dev.ferry.core.store.Release;
import java.util.function.Consumer;

/**
 * Where a successful build becomes a release. The platform implements it over the
 * {@link dev.ferry.core.store.Store}: a {@code Deploy <short sha>} release with the app's current config vars,
 * marked succeeded. Called from the thread serving the push; implementations are thread-safe.
 */
@FunctionalInterface
public interface ReleaseSink {

    /**
     * Records the release of a build and, where a runtime runs, deploys it.
     *
     * @param progress one line at a time for the pusher (shown as {@code remote:} lines)
     * @throws dev.ferry.core.store.StoreException when the app is gone or the store is unavailable
     */
    Release release(BuildRequest request, BuildOutcome outcome, Consumer<String> progress);
}
