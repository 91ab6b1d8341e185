package dev.ferry.server.kubernetes;

import dev.ferry.core.runtime.ActualState;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A runtime that closes the Kubernetes client it was given after itself, so the platform closes one thing. */
record ClosingClient(AppRuntime runtime, KubernetesClient client) implements AppRuntime {

    @Override
    public DeployResult apply(DesiredState desired, Consumer<String> progress) {
        return runtime.apply(desired, progress);
    }

    @Override
    public ActualState actual(AppName app) {
        return runtime.actual(app);
    }

    @Override
    public int restart(AppName app, Optional<String> selector) {
        return runtime.restart(app, selector);
    }

    @Override
    public int stop(AppName app, String selector) {
        return runtime.stop(app, selector);
    }

    @Override
    public void destroy(AppName app) {
        runtime.destroy(app);
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
        runtime.close();
        client.close();
    }
}
