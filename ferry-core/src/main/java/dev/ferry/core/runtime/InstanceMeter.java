package dev.ferry.core.runtime;

import dev.ferry.core.store.AppName;
import java.util.Map;

/**
 * The port through which a runtime reports what its instances use (CPU and memory), beside {@link AppRuntime}
 * and apart from it: the local runtime reads each instance's cgroup counters; a runtime that cannot measure
 * (no writable cgroups, or a Kubernetes cluster whose metrics Ferry does not read) is {@link #NONE}, and an
 * instance it has no measurement of is left out, which the API and the dashboard show as "not measured".
 *
 * <p>Threading: any thread; a call reads counters and may take a few file reads per instance.
 */
public interface InstanceMeter {

    /** Measures nothing. */
    InstanceMeter NONE = app -> Map.of();

    /** {@code runtime}'s own meter when it measures its instances, else {@link #NONE}. */
    static InstanceMeter of(AppRuntime runtime) {
        return runtime instanceof InstanceMeter meter ? meter : NONE;
    }

    /** The app's instances that could be measured now, by instance name ({@code web.1}). */
    Map<String, InstanceUsage> measure(AppName app);
}
