package dev.ferry.core.runtime;

/** Where an {@link Instance} is in its life, as {@code ferry ps} shows it (lower case). */
public enum InstanceState {
    /** Started, not yet healthy; gets no traffic. */
    STARTING,
    /** Healthy; a {@code web} instance is registered in the route table. */
    UP,
    /** Exited or failed liveness; waiting for its restart with backoff. */
    CRASHED,
    /** Deregistered, draining its in-flight requests before it is stopped. */
    STOPPING,
    /** Stopped by {@code ps:stop}; stays so until the next restart, scale or deploy. */
    STOPPED
}
