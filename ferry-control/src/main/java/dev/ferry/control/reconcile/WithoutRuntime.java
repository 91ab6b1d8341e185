package dev.ferry.control.reconcile;

import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link Deployments} of a platform that runs no instances: a pending release is marked succeeded at once. */
final class WithoutRuntime implements Deployments {

    private final ReleaseStore store;

    WithoutRuntime(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public Deployed release(AppName app, Supplier<Release> create, Consumer<String> progress) {
        Release release = create.get();
        if (release.status() == ReleaseStatus.PENDING) {
            release = store.setReleaseStatus(app, release.version(), ReleaseStatus.SUCCEEDED, release.createdBy());
        }
        return new Deployed(release, DeployResult.success(), Optional.of(release));
    }

    @Override
    public void scaled(Formation formation) {
    }

    @Override
    public void destroyed(AppName app) {
    }

    @Override
    public void renamed(AppName from, AppName to) {
    }
}
