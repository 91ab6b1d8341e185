package dev.ferry.server.build;

import dev.ferry.control.reconcile.Deployed;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.ReleaseSink;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link ReleaseSink} over the {@link ReleaseStore} and the runtime's {@link Deployments}: the build's release is
 * created {@code PENDING} ({@code Deploy <short sha>}, the app's current config vars, the build's process types),
 * deployed while the pusher watches the runtime's progress, then marked {@code SUCCEEDED}, or {@code FAILED} with
 * the reason shown to the pusher ({@code  !     Deploy failed: web.1 did not become healthy within 60 s; v3 keeps
 * running}).
 */
public final class StoreReleaseSink implements ReleaseSink {

    private final ReleaseStore store;
    private final Deployments deployments;

    public StoreReleaseSink(ReleaseStore store, Deployments deployments) {
        this.store = Objects.requireNonNull(store, "store");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    @Override
    public Release release(BuildRequest request, BuildOutcome outcome, Consumer<String> progress) {
        Deployed deployed = deployments.release(request.app(), () -> store.createDeployRelease(request.app(),
                outcome.slugId(), request.commit(), outcome.processTypes(), request.pushedBy()), progress);
        if (!deployed.succeeded()) {
            progress.accept(" !     " + deployed.outcome());
        }
        return deployed.release();
    }
}
