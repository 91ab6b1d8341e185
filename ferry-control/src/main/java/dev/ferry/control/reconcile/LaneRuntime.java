package dev.ferry.control.reconcile;

import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.core.work.AppLanes;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runtime as the API calls it ({@code ps:restart}, {@code ps:stop}): every change of an app runs in that
 * app's lane of the {@link Reconciler}, behind a rollout or a reconcile already running; reads and one-off
 * processes go straight to the runtime, and so do measurements ({@link InstanceMeter}, none when the runtime does
 * not measure). Closing it does nothing: the platform closes the runtime.
 */
final class LaneRuntime implements AppRuntime, InstanceMeter {

    private final AppRuntime runtime;
    private final AppLanes lanes;

    LaneRuntime(AppRuntime runtime, AppLanes lanes) {
        this.runtime = runtime;
        this.lanes = lanes;
    }

    @Override
    public DeployResult apply(DesiredState desired, Consumer<String> progress) {
        return lanes.call(desired.app(), () -> runtime.apply(desired, progress));
    }

    @Override
    public ActualState actual(AppName app) {
        return runtime.actual(app);
    }

    @Override
    public Map<String, InstanceUsage> measure(AppName app) {
        return InstanceMeter.of(runtime).measure(app);
    }

    @Override
    public int restart(AppName app, Optional<String> selector) {
        return lanes.call(app, () -> runtime.restart(app, selector));
    }

    @Override
    public int stop(AppName app, String selector) {
        return lanes.call(app, () -> runtime.stop(app, selector));
    }

    @Override
    public void destroy(AppName app) {
        lanes.call(app, () -> {
            runtime.destroy(app);
            return null;
        });
    }

    @Override
    public OneOffProcess run(Release release, String command, Map<String, String> extraEnv) {
        return runtime.run(release, command, extraEnv);
    }

    @Override
    public OneOffProcess start(Release release, OneOffCommand command) {
        return runtime.start(release, command);
    }

    @Override
    public void close() {
    }
}
