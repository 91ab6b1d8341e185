package dev.ferry.control.reconcile;

import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a change of the desired state (a new release, a formation, a destroyed app) becomes running instances.
 * The control API and the push path call it right after the {@link ReleaseStore} change; the platform passes a
 * {@link Reconciler} over its runtime, or {@link #withoutRuntime} when none runs. Implementations are
 * thread-safe; releases of one app are made and rolled out one at a time, in the order they were made.
 */
public interface Deployments {

    /**
     * Makes a release with {@code create} (one store call such as {@link ReleaseStore#setConfig}) and, when it is
     * {@link dev.ferry.core.store.ReleaseStatus#PENDING}, rolls the app to it and marks it succeeded or failed.
     * Blocks until the new instances serve or the deploy is abandoned.
     *
     * @param progress one line at a time for the person who caused it
     */
    Deployed release(AppName app, Supplier<Release> create, Consumer<String> progress);

    /** Runs the formation the store now holds ({@code ps:scale}). */
    void scaled(Formation formation);

    /** Stops every instance of an app the store has destroyed. */
    void destroyed(AppName app);

    /**
     * Moves the instances of an app the store has renamed ({@code apps:rename}): the app's desired state is
     * converged under the new name first (its instances start and register under its hosts, the custom domains
     * included), then the instances under the old name are deregistered, drained and stopped. Blocks until done.
     */
    void renamed(AppName from, AppName to);

    /**
     * The runtime as the API must call it for changes of an app ({@code ps:restart}, {@code ps:stop}): in the
     * app's lane, one at a time with the releases and scales; empty when no runtime runs.
     */
    default Optional<AppRuntime> runtime() {
        return Optional.empty();
    }

    /** Marks every release succeeded at once and runs nothing: the platform without a runtime. */
    static Deployments withoutRuntime(ReleaseStore store) {
        return new WithoutRuntime(store);
    }
}
