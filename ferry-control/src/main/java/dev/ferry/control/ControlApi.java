package dev.ferry.control;

import io.javalin.config.RoutesConfig;

/**
 * A part of the control API that the platform adds over a port other than the {@link dev.ferry.core.store.Store}
 * (the runtime, the log stream, the build queue, tunnels). It registers its handlers under {@code /api/};
 * {@link ControlServer} authenticates every request before them and maps their exceptions to API errors.
 */
@FunctionalInterface
public interface ControlApi {

    /** Adds this part's handlers. */
    void register(RoutesConfig routes);
}
