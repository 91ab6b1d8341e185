package dev.ferry.core.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One running (or restarting) instance of a process type, as {@code ferry ps} shows it.
 *
 * @param name {@code <type>.<number>}, e.g. {@code web.1}
 * @param release the version of the release it runs
 * @param port the port it listens on ({@code $PORT}), 0 when it has none
 * @param pid the process id on this machine, 0 when not known (a remote runtime)
 * @param since when it entered its current state
 * @param restarts how many times the supervisor restarted it after a crash
 */
public record Instance(String name, String type, InstanceState state, int release, int port, long pid,
                       Instant since, int restarts) {

    public Instance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
