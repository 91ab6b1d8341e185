package dev.ferry.runtime.local;

import dev.ferry.core.build.FailureReasons;
import dev.ferry.core.manifest.InvalidAppManifest;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.DesiredState;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rollout of a new release (AppRuntime#apply): unpack, run {@code app.json}'s {@code scripts.dokku.predeploy}
 * then the Procfile's {@code release} phase (each once, as a one-off; a failure abandons the deploy), boot every
 * new instance in parallel and wait for health, then hand over to {@link AppSupervisor#switchTo} (register the
 * new, then deregister, drain and stop the old), then run {@code scripts.dokku.postdeploy} (a failure is reported
 * and the new release stays). Any failure before the switch stops the new instances and leaves the old ones
 * serving untouched. Runs in the app's lane, like every change of the app.
 */
final class Deployment {

    private static final Logger log = LoggerFactory.getLogger(Deployment.class);

    static final String RELEASE_TYPE = DesiredState.RELEASE_PHASE;
    static final String PREDEPLOY = "predeploy";
    static final String POSTDEPLOY = "postdeploy";

    private final RuntimeServices svc;
    private final AppSupervisor supervisor;
    private final Release release;
    private final Formation formation;
    private final Consumer<String> progress;
    private final AppName app;

    Deployment(RuntimeServices svc, AppSupervisor supervisor, Release release, Formation formation,
               Consumer<String> progress) {
        this.svc = svc;
        this.supervisor = supervisor;
        this.release = release;
        this.formation = formation;
        this.progress = line -> {
            try {
                progress.accept(line);
            } catch (RuntimeException e) {
                // a caller whose client went away must not break the deploy
            }
        };
        this.app = release.app();
    }

    DeployResult run() {
        svc.events().event(app, "deploy of " + release.label() + " started");
        PreparedRelease prepared;
        try {
            prepared = supervisor.prepare(release);
        } catch (InvalidAppManifest e) {
            return fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("could not unpack {} of {}", release.label(), app, e);
            return fail("could not unpack " + release.label() + ": " + FailureReasons.withoutPaths(e.getMessage()));
        }
        Optional<String> predeploy = prepared.manifest().predeploy();
        if (predeploy.isPresent()) {
            Optional<String> failure = runPhase(prepared, PREDEPLOY, predeploy.get());
            if (failure.isPresent()) {
                return fail(failure.get());
            }
        }
        String releaseCommand = release.processTypes().get(RELEASE_TYPE);
        if (releaseCommand != null) {
            Optional<String> failure = runPhase(prepared, RELEASE_TYPE, releaseCommand);
            if (failure.isPresent()) {
                return fail(failure.get());
            }
        }
        List<RunningInstance> fresh = new ArrayList<>();
        for (Map.Entry<String, String> type : release.processTypes().entrySet()) {
            for (int n = 1; !type.getKey().equals(RELEASE_TYPE) && n <= formation.quantity(type.getKey()); n++) {
                fresh.add(new RunningInstance(svc, prepared, type.getKey(), n));
            }
        }
        List<Optional<String>> results = bootAll(fresh, progress);
        for (int k = 0; k < fresh.size(); k++) {
            if (results.get(k).isPresent()) {
                fresh.forEach(i -> i.retire(java.time.Duration.ZERO));
                return fail(fresh.get(k).name() + " " + results.get(k).get());
            }
        }
        if (!supervisor.switchTo(prepared, fresh)) {
            return fail("the app was stopped during its deploy");
        }
        svc.files().pruneReleases(app, release.version());
        svc.events().event(app, "deploy of " + release.label() + " succeeded ("
                + AppSupervisor.describe(formation) + ")");
        progress.accept("-----> " + release.label() + " is up" + (fresh.isEmpty() ? " (no instances to run)" : ""));
        Optional<String> postdeploy = prepared.manifest().postdeploy();
        Optional<String> failed = postdeploy.flatMap(command -> runPhase(prepared, POSTDEPLOY, command));
        if (failed.isPresent()) {
            progress.accept(" !     " + failed.get() + "; " + release.label() + " stays");
            svc.events().event(app, POSTDEPLOY + " of " + release.label() + " failed: " + failed.get());
        }
        return DeployResult.success();
    }

    /** Boots instances in parallel; per instance, empty when healthy or why not. Reports each in progress. */
    static List<Optional<String>> bootAll(List<RunningInstance> instances, Consumer<String> progress) {
        List<CompletableFuture<Optional<String>>> futures = new ArrayList<>();
        for (RunningInstance i : instances) {
            CompletableFuture<Optional<String>> f = new CompletableFuture<>();
            Thread.ofVirtual().name("boot-" + i.name()).start(() -> {
                long t0 = System.nanoTime();
                progress.accept("-----> Launching " + i.name() + " …");
                Optional<String> failure = i.boot();
                String took = String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
                progress.accept("       " + i.name() + (failure.isEmpty() ? " healthy in " + took
                        : " failed after " + took + ": " + failure.get()));
                f.complete(failure);
            });
            futures.add(f);
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Runs one deploy phase ({@code predeploy}, {@code release}, {@code postdeploy}) to its end, within the
     * release timeout; empty when it exited 0, else why not.
     */
    private Optional<String> runPhase(PreparedRelease prepared, String phase, String command) {
        progress.accept("-----> Running " + phase + " command: " + command);
        svc.events().event(app, "running " + phase + " command of " + release.label());
        try (LocalOneOffProcess p = new OneOffLauncher(svc).start(prepared, phase, command, Map.of())) {
            int code = OneOffLauncher.runToEnd(p, svc.config().releaseTimeout(), line -> {
                progress.accept("       " + line);
                svc.events().output(app, phase, line);
            });
            if (code == -1) {
                return Optional.of(phase + " command did not finish within "
                        + svc.config().releaseTimeout().toSeconds() + " s");
            }
            return code == 0 ? Optional.empty() : Optional.of(phase + " command failed with exit code " + code);
        } catch (IOException e) {
            return Optional.of(phase + " command could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("deploy interrupted");
        }
    }

    private DeployResult fail(String reason) {
        progress.accept(" !     " + reason);
        svc.events().event(app, "deploy of " + release.label() + " failed: " + reason);
        return DeployResult.failure(reason);
    }
}
