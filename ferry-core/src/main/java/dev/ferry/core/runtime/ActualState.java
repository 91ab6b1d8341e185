package dev.ferry.core.runtime;

import dev.ferry.core.store.AppName;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a runtime runs for one app, as {@link AppRuntime#actual} reports it: the release it rolled out last and
 * its instances with their state, release and restarts ({@code ferry ps}).
 *
 * @param release the version of the release the runtime runs, 0 when it runs none
 * @param instances by process type then number; instances that are {@code stopping} are listed too
 */
public record ActualState(AppName app, int release, List<Instance> instances) {

    public ActualState {
        Objects.requireNonNull(app, "app");
        instances = List.copyOf(instances);
    }

    /** A runtime that runs nothing of {@code app}. */
    public static ActualState none(AppName app) {
        return new ActualState(app, 0, List.of());
    }

    /**
     * True when this is what {@code desired} asks for: the same release, and for each process type as many
     * instances as its quantity. Instances on their way out ({@code stopping}) do not count; instances that
     * crashed (the runtime restarts them itself) and those stopped by {@code ps:stop} (stopped on purpose) do.
     */
    public boolean convergedTo(DesiredState desired) {
        if (release != desired.version()) {
            return false;
        }
        Map<String, Integer> want = desired.instanceCounts();
        List<Instance> held = instances.stream().filter(i -> i.state() != InstanceState.STOPPING).toList();
        if (held.stream().anyMatch(i -> !want.containsKey(i.type()))) {
            return false;
        }
        return want.entrySet().stream().allMatch(e ->
                held.stream().filter(i -> i.type().equals(e.getKey())).count() == e.getValue());
    }
}
