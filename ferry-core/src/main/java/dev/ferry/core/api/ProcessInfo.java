package dev.ferry.core.api;

/**
 * One instance of an app in {@code GET /api/apps/{app}/ps}, by type then number. Unlike most records, a
 * {@code null} {@code command} is written as JSON {@code null}.
 *
 * @param name     {@code web.1}
 * @param type     the process type
 * @param state    {@code up}, {@code starting}, {@code crashed}, {@code stopping} (an old release's instance
 *                 draining after a deploy) or {@code stopped}
 * @param release  the version of the release it runs
 * @param port     the port it listens on (0 when it has none)
 * @param pid      its process id on the host
 * @param since    when it entered its state, ISO-8601 UTC
 * @param restarts how often it was restarted after a crash
 * @param command  its Procfile command; {@code null} when its release is gone
 * @param cpuPercent  its CPU over the last seconds, in percent of one core (100 = one core busy); {@code null}
 *                    when not measured (no cgroups, a runtime that does not measure, an instance not running)
 * @param memoryBytes the memory its cgroup holds; {@code null} when not measured
 */
public record ProcessInfo(String name, String type, String state, Integer release, int port, long pid, String since,
                          int restarts, String command, Double cpuPercent, Long memoryBytes) {

    /** An instance whose usage was not measured. */
    public ProcessInfo(String name, String type, String state, Integer release, int port, long pid, String since,
                       int restarts, String command) {
        this(name, type, state, release, port, pid, since, restarts, command, null, null);
    }
}
