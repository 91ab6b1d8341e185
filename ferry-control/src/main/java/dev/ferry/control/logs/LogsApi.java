package dev.ferry.control.logs;

import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.apps.AppSessions;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.ApiException;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.DrainInfo;
import dev.ferry.core.api.DrainRequest;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.DrainTargetCheck;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.DrainStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * An app's log stream and drains in the control API, with the access rules of the other app APIs:
 * <ul>
 *   <li>{@code GET /api/apps/{app}/logs?lines=100&ps=web&tail=false}: the last {@code lines} (default 100, at
 *   most {@value #MAX_LINES}) as {@code text/plain} in Heroku's shape; {@code ps} keeps one process
 *   ({@code web.1}) or type ({@code web}); {@code tail=true} then streams new lines, flushed per line, with an
 *   empty line every {@code keepAlive} (15 s), until the client disconnects, or until the caller's token is
 *   revoked, their access to the app removed or the app destroyed: then a last {@code ferry[logs]} line says so
 *   and the answer ends (within a moment of the revocation, through the {@link SessionRegistry}). At most
 *   {@code maxTails} (64) streams are open at once (each holds a server thread); more are refused 503
 *   {@code too_many_tails}.</li>
 *   <li>{@code GET /api/apps/{app}/drains}, {@code POST /api/apps/{app}/drains {"url"}} (201; 422
 *   {@code invalid_drain_url}, also for a target the {@link DrainTargetCheck} refuses: loopback, private or the
 *   platform's own; 409 {@code drain_exists}), {@code DELETE /api/apps/{app}/drains/{urlOrToken}}
 *   (url-encoded; 404 {@code drain_not_found}). After a change, {@code drainsChanged} is told the app, so
 *   that the runtime's drains follow.</li>
 * </ul>
 */
public final class LogsApi implements ControlApi {

    /** The most lines one request can ask for (the stream's default bound). */
    public static final int MAX_LINES = 1_500;
    public static final int DEFAULT_LINES = 100;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_TAILS = 64;

    private final DrainStore store;
    private final AppLogs logs;
    private final Consumer<AppName> drainsChanged;
    private final AppAccess access;
    private final AppSessions sessions;
    private final Duration keepAlive;
    private final Semaphore tails;
    private final DrainTargetCheck drainTargets;

    /**
     * With the defaults: a 15 s keep-alive, 64 streams at most, streams not registered anywhere, and every drain
     * target accepted.
     */
    public LogsApi(AccountStore accounts, AppStore apps, DrainStore store, AppLogs logs,
                   Consumer<AppName> drainsChanged) {
        this(accounts, apps, store, logs, drainsChanged, SessionRegistry.NONE);
    }

    /** With the defaults, each stream registered in {@code sessions} so that revoking its access ends it. */
    public LogsApi(AccountStore accounts, AppStore apps, DrainStore store, AppLogs logs,
                   Consumer<AppName> drainsChanged, SessionRegistry sessions) {
        this(accounts, apps, store, logs, drainsChanged, DEFAULT_KEEP_ALIVE, DEFAULT_MAX_TAILS, sessions,
                DrainTargetCheck.ANY);
    }

    /** With the defaults, refusing the drain targets {@code drainTargets} refuses (422 {@code invalid_drain_url}). */
    public LogsApi(AccountStore accounts, AppStore apps, DrainStore store, AppLogs logs,
                   Consumer<AppName> drainsChanged, DrainTargetCheck drainTargets) {
        this(accounts, apps, store, logs, drainsChanged, DEFAULT_KEEP_ALIVE, DEFAULT_MAX_TAILS, SessionRegistry.NONE,
                drainTargets);
    }

    public LogsApi(AccountStore accounts, AppStore apps, DrainStore store, AppLogs logs,
                   Consumer<AppName> drainsChanged, Duration keepAlive, int maxTails) {
        this(accounts, apps, store, logs, drainsChanged, keepAlive, maxTails, SessionRegistry.NONE, DrainTargetCheck.ANY);
    }

    /**
     * @param sessions     where each stream registers, closed with a last line when its access is revoked
     * @param drainTargets refuses drain targets it refuses (422 {@code invalid_drain_url})
     */
    public LogsApi(AccountStore accounts, AppStore apps, DrainStore store, AppLogs logs,
                   Consumer<AppName> drainsChanged, Duration keepAlive, int maxTails,
                   SessionRegistry sessions, DrainTargetCheck drainTargets) {
        this.drainTargets = Objects.requireNonNull(drainTargets, "drainTargets");
        this.store = Objects.requireNonNull(store, "store");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.drainsChanged = Objects.requireNonNull(drainsChanged, "drainsChanged");
        this.access = new AppAccess(accounts, apps);
        this.sessions = new AppSessions(sessions, access);
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        if (keepAlive.isNegative() || keepAlive.isZero() || maxTails < 1) {
            throw new IllegalArgumentException("keepAlive and maxTails must be positive");
        }
        this.tails = new Semaphore(maxTails);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/apps/{app}/logs", this::logs);
        r.get("/api/apps/{app}/drains", this::drains);
        r.post("/api/apps/{app}/drains", this::addDrain);
        r.delete("/api/apps/{app}/drains/{drain}", this::removeDrain);
    }

    private void logs(Context ctx) {
        App app = access.require(ctx);
        int lines = lines(ctx.queryParam("lines"));
        Optional<String> process = Optional.ofNullable(ctx.queryParam("ps")).map(String::strip).filter(s -> !s.isEmpty());
        boolean tail = Boolean.parseBoolean(ctx.queryParam("tail"));
        if (!tail) {
            StringBuilder body = new StringBuilder();
            logs.recent(app.name(), lines, process).forEach(l -> body.append(LogText.of(l)));
            ctx.contentType("text/plain; charset=utf-8").result(body.toString());
            return;
        }
        if (!tails.tryAcquire()) {
            throw new TooManyTails();
        }
        try {
            HttpServletResponse res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/plain; charset=utf-8");
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no");
            LogTail stream = new LogTail(res.getOutputStream(), process, app.name());
            try (var session = sessions.open(ctx, app, "log stream", stream::end)) {
                stream.run(logs, app.name(), lines, keepAlive);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            tails.release();
        }
    }

    private static int lines(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LINES;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 0) {
                return Math.min(n, MAX_LINES);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInput("lines must be a whole number from 0 to " + MAX_LINES + ", not '" + raw + "'");
    }

    private void drains(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, store.drains(app.name()).stream().map(LogsApi::json).toList());
    }

    private void addDrain(Context ctx) {
        App app = access.require(ctx);
        String url = RequestBody.required(RequestBody.parse(ctx.body(), DrainRequest.class).url(), "url");
        Drain drain;
        try {
            drainTargets.check(Drain.checkUrl(url));
            drain = store.addDrain(app.name(), url, Caller.of(ctx).id());
        } catch (IllegalArgumentException e) {
            throw new InvalidDrainUrl(e.getMessage());
        }
        drainsChanged.accept(app.name());
        ctx.header("Location", "/api/apps/" + app.name() + "/drains/" + drain.token());
        Json.answer(ctx, 201, json(drain));
    }

    private void removeDrain(Context ctx) {
        App app = access.require(ctx);
        String urlOrToken = ctx.pathParam("drain");
        store.removeDrain(app.name(), urlOrToken, Caller.of(ctx).id());
        drainsChanged.accept(app.name());
        ctx.status(204);
    }

    /** {@link DrainInfo}. */
    static DrainInfo json(Drain d) {
        return new DrainInfo(d.id(), d.url(), d.token(), d.createdAt().toString());
    }

    /** 503 {@code too_many_tails}. */
    private static final class TooManyTails extends ApiException {
        TooManyTails() {
            super(503, "too_many_tails", "Too many log streams are open on this platform; try again later.");
        }
    }
}
