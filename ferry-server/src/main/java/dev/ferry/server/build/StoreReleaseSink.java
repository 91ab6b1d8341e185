package dev.ferry.server.build;

import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.ReleaseSink;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.Store;
import java.util.function.Consumer;

/**
 * {@link ReleaseSink} over the {@link Store}: the build's release is created {@code PENDING}
 * ({@code Deploy <short sha>}, the app's current config vars, the build's process types) and, as no runtime
 * starts instances yet, marked {@code SUCCEEDED} at once. When the runtime lands, it marks the release
 * after its instances are healthy instead.
 */
public final class StoreReleaseSink implements ReleaseSink {

    private final Store store;

    public StoreReleaseSink(Store store) {
        this.store = store;
    }

    @Override
    public Release release(BuildRequest request, BuildOutcome outcome, Consumer<String> progress) {
        Release pending = store.createDeployRelease(request.app(), outcome.slugId(), request.commit(),
                outcome.processTypes(), request.pushedBy());
        return store.setReleaseStatus(request.app(), pending.version(), ReleaseStatus.SUCCEEDED, request.pushedBy());
    }
}
