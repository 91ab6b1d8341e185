package dev.ferry.control.ps;

import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.apps.AppSessions;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.OneOffStarted;
import dev.ferry.core.api.ProcessInfo;
import dev.ferry.core.api.ProcessTargetRequest;
import dev.ferry.core.api.ProcessesRestarted;
import dev.ferry.core.api.ProcessesStopped;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceMeter;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.runtime.InstanceUsage;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The processes of an app, over the {@link AppRuntime}:
 * <ul>
 *   <li>{@code GET /api/apps/{app}/ps}: {@code [{"name":"web.1","type","state","release","port","pid","since",
 *       "restarts","command","cpuPercent","memoryBytes"}]}, by type then number; {@code state} in lower case
 *       ({@code up}, {@code starting}, {@code crashed}, {@code stopping}, {@code stopped}); {@code cpuPercent} and
 *       {@code memoryBytes} from the runtime's {@link InstanceMeter}, {@code null} when not measured.</li>
 *   <li>{@code POST /api/apps/{app}/ps/restart {"target"?}}: restarts all instances, a type or one instance,
 *       one at a time without dropping a request; answers {@code {"restarted":N}}.</li>
 *   <li>{@code POST /api/apps/{app}/ps/stop {"target"}}: stops a type or an instance until the next restart,
 *       scale or deploy; answers {@code {"stopped":N}}.</li>
 *   <li>{@code POST /api/apps/{app}/run}: a one-off process of a shell line, its output streamed, see {@link RunStream}.</li>
 *   <li>{@code /api/apps/{app}/run/attach}: a one-off process over a WebSocket, with its input, its output and
 *       error apart or a terminal, see {@link RunSocket}.</li>
 *   <li>{@code POST /api/apps/{app}/run/detached {"command": [...], "env"?}}: a one-off process whose output goes to
 *       the app's log stream as {@code run.N}; answers 202 {@code {"name": "run.N"}} at once.</li>
 * </ul>
 * Access as for every app resource ({@link AppAccess}); a target that matches no instance is 404
 * {@code process_not_found}.
 */
public final class ProcessesApi implements ControlApi {

    private final ReleaseStore store;
    private final AppRuntime runtime;
    private final InstanceMeter meter;
    private final AppAccess access;
    private final AppSessions sessions;

    /** With {@code run} sessions registered nowhere. */
    public ProcessesApi(AccountStore accounts, AppStore apps, ReleaseStore store, AppRuntime runtime) {
        this(accounts, apps, store, runtime, SessionRegistry.NONE);
    }

    /** Measuring instances with the runtime's own meter ({@link InstanceMeter#of}). */
    public ProcessesApi(AccountStore accounts, AppStore apps, ReleaseStore store, AppRuntime runtime,
                        SessionRegistry sessions) {
        this(accounts, apps, store, runtime, sessions, InstanceMeter.of(runtime));
    }

    /**
     * @param sessions where each {@code run} session registers, so that revoking its access kills the process
     * @param meter    what the instances use ({@link InstanceMeter#NONE}: {@code null}, not measured)
     */
    public ProcessesApi(AccountStore accounts, AppStore apps, ReleaseStore store, AppRuntime runtime,
                        SessionRegistry sessions, InstanceMeter meter) {
        this.meter = Objects.requireNonNull(meter, "meter");
        this.store = Objects.requireNonNull(store, "store");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.access = new AppAccess(accounts, apps);
        this.sessions = new AppSessions(sessions, access);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/apps/{app}/ps", this::list);
        r.post("/api/apps/{app}/ps/restart", this::restart);
        r.post("/api/apps/{app}/ps/stop", this::stop);
        RunStream run = new RunStream(store, runtime, sessions);
        r.post("/api/apps/{app}/run", ctx -> run.handle(ctx, access.require(ctx)));
        r.post("/api/apps/{app}/run/detached", this::runDetached);
        new RunSocket(store, runtime, access, sessions).register(r);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        Map<Integer, Optional<Release>> releases = new HashMap<>();
        List<ProcessInfo> out = new ArrayList<>();
        Map<String, InstanceUsage> usage = meter.measure(app.name());
        for (Instance i : runtime.instances(app.name())) {
            Optional<String> command = releases.computeIfAbsent(i.release(), v -> store.release(app.name(), v))
                    .map(rel -> rel.processTypes().get(i.type()));
            out.add(new ProcessInfo(i.name(), i.type(), i.state().name().toLowerCase(Locale.ROOT), i.release(), i.port(),
                    i.pid(), i.since().toString(), i.restarts(), command.orElse(null), cpu(i, usage), memory(i, usage)));
        }
        Json.ok(ctx, out);
    }

    /** A draining instance shares its name with its successor, whose usage the meter holds: it shows none. */
    private static Double cpu(Instance i, Map<String, InstanceUsage> usage) {
        InstanceUsage u = i.state() == InstanceState.STOPPING ? null : usage.get(i.name());
        return u == null ? null : Math.round(u.cpuPercent() * 10) / 10.0;
    }

    private static Long memory(Instance i, Map<String, InstanceUsage> usage) {
        InstanceUsage u = i.state() == InstanceState.STOPPING ? null : usage.get(i.name());
        return u == null ? null : u.memoryBytes();
    }

    private void runDetached(Context ctx) {
        App app = access.require(ctx);
        OneOffCommand command = RunRequest.detached(ctx.body());
        Release release = store.currentRelease(app.name()).filter(r -> r.slugId().isPresent())
                .orElseThrow(() -> new NothingToRun(app.name().value()));
        OneOffProcess process;
        try {
            process = runtime.start(release, command);
        } catch (UnsupportedOperationException e) {
            throw new InvalidInput(e.getMessage());
        }
        Json.answer(ctx, 202, new OneOffStarted(process.name(), release.version()));
    }

    private void restart(Context ctx) {
        App app = access.require(ctx);
        ProcessTargetRequest request = RequestBody.parseOrEmpty(ctx.body(), ProcessTargetRequest.class);
        Optional<ProcessTarget> target = Optional.ofNullable(request.target()).map(ProcessTarget::parse);
        target.ifPresent(t -> requireMatch(app, t));
        Json.ok(ctx, new ProcessesRestarted(runtime.restart(app.name(), target.map(ProcessTarget::value))));
    }

    private void stop(Context ctx) {
        App app = access.require(ctx);
        ProcessTarget target = ProcessTarget.parse(RequestBody.parse(ctx.body(), ProcessTargetRequest.class).target());
        requireMatch(app, target);
        Json.ok(ctx, new ProcessesStopped(runtime.stop(app.name(), target.value())));
    }

    private void requireMatch(App app, ProcessTarget target) {
        List<Instance> instances = runtime.instances(app.name());
        if (!target.matchesAny(instances)) {
            throw new ProcessNotFound(app.name().value(), target.value());
        }
    }
}
