package dev.ferry.server.build;

import dev.ferry.control.reconcile.Deployed;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.build.BuildOutcome;
import dev.ferry.core.build.BuildRequest;
import dev.ferry.core.build.ReleaseSink;
import dev.ferry.core.manifest.ProcessFormation;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link ReleaseSink} over the {@link ReleaseStore} and the runtime's {@link Deployments}: the build's release is
 * created {@code PENDING} ({@code Deploy <short sha>}, the app's current config vars, the build's process types),
 * process types the app's formation does not hold yet get the quantity of {@code app.json}'s {@code formation}
 * (on the first deploy, or when a type first appears; {@code ps:scale} decides afterwards), then the release is
 * deployed while the pusher watches the runtime's progress and marked {@code SUCCEEDED}, or {@code FAILED} with
 * the reason shown to the pusher ({@code  !     Deploy failed: web.1 did not become healthy within 60 s; v3 keeps
 * running}). A failed release stays listed with its reason and is never current.
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
        Deployed deployed = deployments.release(request.app(), () -> create(request, outcome, progress), progress);
        if (!deployed.succeeded()) {
            progress.accept(" !     " + deployed.outcome());
        }
        return deployed.release();
    }

    /** Runs in the app's lane of the reconciler: the formation read, the release made, the first quantities set. */
    private Release create(BuildRequest request, BuildOutcome outcome, Consumer<String> progress) {
        Formation before = store.formation(request.app());
        Release release = store.createDeployRelease(request.app(), outcome.slugId(), request.commit(),
                outcome.processTypes(), request.pushedBy());
        Map<String, Integer> first = outcome.manifest().firstQuantities(before, outcome.processTypes().keySet());
        if (!first.isEmpty()) {
            store.scale(request.app(), first, request.pushedBy());
            progress.accept("-----> Scaling to app.json's formation: " + first.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
            boolean sized = first.keySet().stream().map(outcome.manifest().formation()::get)
                    .map(ProcessFormation::size).anyMatch(Optional::isPresent);
            if (sized) {
                progress.accept("       (formation sizes are not used: this runtime runs every instance at one size)");
            }
        }
        return release;
    }
}
