package dev.ferry.control;

import io.javalin.config.RoutesConfig;

/**
 * A part of the control API that the platform adds to those {@link ControlServer} assembles, over other ports (the
 * runtime, the log stream, the build queue, tunnels) and the store's ports it needs. It registers its handlers under {@code /api/};
 * {@link ControlServer} authenticates every request before them and maps their exceptions to API errors.
 */
@FunctionalInterface
public interface ControlApi {

    /** Adds this part's handlers. */
    void register(RoutesConfig routes);
}
