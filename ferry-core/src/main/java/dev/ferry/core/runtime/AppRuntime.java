package dev.ferry.core.runtime;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port that turns an app's desired state into running instances ("dynos" such as {@code web.1}) and keeps
 * them healthy: the Runtime of DESIGN §1, which the local runtime implements and a Kubernetes runtime can. The
 * contract is three things: {@link #apply} converges the app to a {@link DesiredState} (release + formation),
 * {@link #actual} reports what runs (instances with their state, release and restarts), and every event of an
 * instance (started, up, crashed, restarted, stopped, a deploy's phases) goes to the app's log stream
 * ({@link dev.ferry.core.log.AppLogs}, source {@code ferry}), which {@code ferry logs} and the drains read.
 *
 * <p>Only healthy {@code web} instances are registered in the {@link dev.ferry.core.route.RouteRegistry}, with a
 * TTL they refresh; a planned stop deregisters first, then drains, then stops. An instance that exits or fails
 * its liveness check is restarted by the runtime itself, with backoff; what the runtime cannot bring back by
 * itself (a rollout cut short, a start that failed) the control plane's reconciler applies again.
 *
 * <p>Threading: safe for use by many threads, but calls that change one app must come one at a time (the
 * control plane's reconciler runs each app's work in one lane); calls for different apps may overlap.
 */
public interface AppRuntime extends AutoCloseable {

    /**
     * Converges the app to {@code desired} and blocks until it is there or gave up. When the release differs from
     * the one that runs, rolls to it without dropping a request: runs the release's {@code release} process type
     * once (a failure abandons the rollout), starts the new instances, waits until they are healthy (boot
     * timeout 60 s by default), registers them, deregisters the old ones, and drains and stops those in the
     * background; when the rollout fails, the old instances keep serving untouched. When the release is the one
     * that runs, starts and stops instances so that each process type runs its quantity. When {@code desired}
     * has no release, stops everything.
     *
     * @param progress one line at a time for the person who caused the change (a push's {@code remote:} lines)
     * @return success when the runtime runs {@code desired}; else why not, and the old state keeps running
     */
    DeployResult apply(DesiredState desired, Consumer<String> progress);

    /** What runs for the app now; {@link ActualState#none} when nothing does. */
    ActualState actual(AppName app);

    /** The app's instances, by process type then number; empty when none runs. */
    default List<Instance> instances(AppName app) {
        return actual(app).instances();
    }

    /**
     * Restarts instances one at a time, each replacement healthy before its predecessor stops.
     *
     * @param selector empty for all, a process type ({@code web}) or one instance ({@code web.1})
     * @return how many instances were restarted
     */
    int restart(AppName app, Optional<String> selector);

    /**
     * Stops instances ({@code ps:stop}); they stay stopped until the next restart, scale or deploy.
     *
     * @param selector a process type or one instance
     * @return how many instances were stopped
     */
    int stop(AppName app, String selector);

    /** Stops every instance of an app and forgets it ({@code apps:destroy}). */
    void destroy(AppName app);

    /**
     * Starts a one-off process ({@code ferry run CMD}) from the release's slug with its config vars and
     * {@code extraEnv}, sandboxed like the app's instances.
     */
    OneOffProcess run(Release release, String command, Map<String, String> extraEnv);

    /**
     * Starts a one-off process ({@code ferry run}, {@code run:detached}) of the release's slug with its config vars
     * and the command's env, sandboxed like the app's instances: the command's words exactly as given, on pipes or
     * on a terminal. A detached process's output goes to the app's log stream as {@code run.N}.
     * This default hands the words to {@link #run} as a quoted shell line, for runtimes without terminals or
     * detached processes.
     *
     * @throws UnsupportedOperationException when this runtime cannot give a terminal or detach
     */
    default OneOffProcess start(Release release, OneOffCommand command) {
        if (command.terminal().isPresent() || command.detached()) {
            throw new UnsupportedOperationException("this runtime runs one-off processes on pipes only");
        }
        return run(release, command.line(), command.env());
    }

    /** Stops every instance (deregister, drain, stop) and the supervisor; never throws. */
    @Override
    void close();
}
