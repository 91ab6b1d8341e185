package dev.ferry.control.ps;

import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.apps.AppSessions;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.store.App;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry run} over a WebSocket at {@code /api/apps/{app}/run/attach} (token and access checked before the
 * upgrade, as for any call): one one-off process per connection, its standard input, output and error, its
 * terminal size and its exit code, as {@code kubectl exec} and {@code heroku run} carry them.
 * <ul>
 *   <li>client, first: a text frame {@code {"command": [...], "env": {...}, "terminal": {"columns", "rows"}?}}
 *       ({@link dev.ferry.core.api.RunStart}); the answer is a text frame {@code {"started": "run.3"}} or an error
 *       ({@link dev.ferry.core.api.RunEvent});</li>
 *   <li>client, then: binary frames are standard input; text frames ({@link dev.ferry.core.api.RunInput})
 *       {@code {"resize": {"columns", "rows"}}} resize the terminal and {@code {"eof": true}} closes standard
 *       input;</li>
 *   <li>server: binary frames whose first byte is the stream, 1 standard output, 2 standard error (a terminal
 *       merges both into 1), the rest its bytes as written; the last frame is the text {@code {"exit": N}}, or
 *       {@code {"error", "code"}} ({@code bad_request}, {@code no_release}, {@code access_revoked}, …), and the
 *       server closes the connection.</li>
 * </ul>
 * A client that goes away (closed, or silent past {@value #IDLE_SECONDS} s although pinged every
 * {@value #PING_SECONDS} s) kills the process, as does losing access (the session is registered like a log
 * stream's).
 */
final class RunSocket {

    static final String PATH = "/api/apps/{app}/run/attach";
    static final int PING_SECONDS = 15;
    static final int IDLE_SECONDS = 60;
    private static final String SESSION = "ferry.run.session";

    private final ReleaseStore store;
    private final AppRuntime runtime;
    private final AppAccess access;
    private final AppSessions sessions;

    RunSocket(ReleaseStore store, AppRuntime runtime, AppAccess access, AppSessions sessions) {
        this.store = store;
        this.runtime = runtime;
        this.access = access;
        this.sessions = sessions;
    }

    void register(RoutesConfig r) {
        r.wsBeforeUpgrade(PATH, ctx -> {
            App app = access.require(ctx);
            RunSession session = new RunSession(app, store, runtime);
            session.registered(sessions.open(ctx, app, "run", session::revoke));
            ctx.attribute(SESSION, session);
        });
        r.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(Duration.ofSeconds(IDLE_SECONDS));
                ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
                session(ctx).connected(ctx);
            });
            ws.onMessage(ctx -> session(ctx).text(ctx.message()));
            ws.onBinaryMessage(ctx -> session(ctx).input(ctx.data()));
            ws.onClose(ctx -> session(ctx).closed());
            ws.onError(ctx -> session(ctx).closed());
        });
    }

    private static RunSession session(WsContext ctx) {
        return ctx.attribute(SESSION);
    }
}
