package dev.ferry.core.runtime;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port that turns releases into running instances ("dynos" such as {@code web.1}) and keeps them
 * healthy: the Runtime of DESIGN §1. Only healthy {@code web} instances are registered in the
 * {@link dev.ferry.core.route.RouteRegistry}, with a TTL they refresh; a planned stop deregisters first, then
 * drains, then stops.
 *
 * <p>The embedded implementation supervises sandboxed child processes on this machine; a Kubernetes one may
 * follow. Implementations are safe for use by many threads; calls for one app are serialised.
 */
public interface AppRuntime extends AutoCloseable {

    /**
     * Rolls the app to {@code release} at {@code formation} without dropping a request: runs the release's
     * {@code release} process type once (a failure abandons the deploy), starts the new instances, waits
     * until they are healthy (boot timeout 60 s by default), registers them, deregisters the old ones, and
     * drains and stops those in the background. When the new release fails, the old instances keep serving.
     * Blocks until the new instances serve or the deploy is abandoned.
     *
     * @param progress one line at a time for the person who caused the deploy (a push's {@code remote:} lines)
     */
    DeployResult deploy(Release release, Formation formation, Consumer<String> progress);

    /** Starts or stops instances of the running release so that each process type runs its quantity. */
    void scale(Formation formation);

    /** The app's instances, by process type then number; empty when none runs. */
    List<Instance> instances(AppName app);

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
