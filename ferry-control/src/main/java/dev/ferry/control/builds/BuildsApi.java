package dev.ferry.control.builds;

import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.apps.AppSessions;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.Paging;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.build.BuildOutputs;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.BuildStore;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The builds of an app, for whoever may use the app ({@link AppAccess}):
 * {@code GET /api/apps/{app}/builds} (newest first, paginated by {@link Paging}),
 * {@code GET /api/apps/{app}/builds/{id}} and {@code GET /api/apps/{app}/builds/{id}/output}, the kept output as
 * {@code text/plain}; for a build still queued or running it streams until the build ends, unless
 * {@code ?follow=false}, or until the caller's token is revoked, their access removed or the app destroyed (then a
 * last line {@code  !     Output closed: <reason>}). A build of another app, or an id that is not one, is 404
 * {@code build_not_found}.
 */
public final class BuildsApi implements ControlApi {

    private final AccountStore accounts;
    private final BuildStore store;
    private final BuildOutputs outputs;
    private final AppAccess access;
    private final AppSessions sessions;
    private final ReleaseStore releases;

    public BuildsApi(AccountStore accounts, AppStore apps, BuildStore store, BuildOutputs outputs) {
        this(accounts, apps, store, outputs, SessionRegistry.NONE);
    }

    /** @param sessions where each follow of a running build registers, so that revoking its access ends it */
    public BuildsApi(AccountStore accounts, AppStore apps, BuildStore store, BuildOutputs outputs,
                     SessionRegistry sessions) {
        this(accounts, apps, store, outputs, sessions, null);
    }

    /**
     * @param releases where the status of each build's release is read ({@code releaseStatus}: a build that
     *                 succeeded may have made a release whose deploy failed); {@code null} leaves it out
     */
    public BuildsApi(AccountStore accounts, AppStore apps, BuildStore store, BuildOutputs outputs,
                     SessionRegistry sessions, ReleaseStore releases) {
        this.releases = releases;
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.store = Objects.requireNonNull(store, "store");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.access = new AppAccess(accounts, apps);
        this.sessions = new AppSessions(sessions, access);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/apps/{app}/builds", this::list);
        r.get("/api/apps/{app}/builds/{id}", this::one);
        r.get("/api/apps/{app}/builds/{id}/output", this::output);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        BuildJson json = new BuildJson(accounts, releases);
        Json.ok(ctx, Paging.read(ctx, page -> store.builds(app.name(), page)).items().stream().map(json::build).toList());
    }

    private void one(Context ctx) {
        Json.ok(ctx, new BuildJson(accounts, releases).build(build(ctx)));
    }

    private void output(Context ctx) throws IOException {
        Build build = build(ctx);
        boolean follow = !"false".equalsIgnoreCase(ctx.queryParam("follow")) && !build.status().isFinal();
        ctx.status(200).contentType("text/plain; charset=utf-8");
        InputStream in = outputs.open(build.id(), follow).orElse(InputStream.nullInputStream());
        AtomicReference<String> revoked = new AtomicReference<>();
        // A follow lives as long as the build: it ends early, with a last line, when its access is revoked.
        SessionRegistry.Registration session = !follow ? () -> { }
                : sessions.open(ctx, access.require(ctx), "build output", reason -> {
                    revoked.set(reason);
                    closeQuietly(in);
                });
        // Written to the servlet's own stream (Javalin's buffers for compression) so that each chunk is flushed
        // as the build writes it.
        try (in; session) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; revoked.get() == null && (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            if (revoked.get() != null) {
                out.write((" !     Output closed: " + revoked.get() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the follow ends either way
        }
    }

    private Build build(Context ctx) {
        App app = access.require(ctx);
        String id = ctx.pathParam("id");
        if (!BuildId.isValid(id)) {
            throw new UnknownBuild(app.name().value(), id);
        }
        return store.build(app.name(), BuildId.parse(id))
                .orElseThrow(() -> new UnknownBuild(app.name().value(), id));
    }
}
