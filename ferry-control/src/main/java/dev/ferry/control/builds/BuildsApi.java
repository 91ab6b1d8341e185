package dev.ferry.control.builds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.Paging;
import dev.ferry.core.build.BuildOutputs;
import dev.ferry.core.store.App;
import dev.ferry.core.store.Build;
import dev.ferry.core.store.BuildId;
import dev.ferry.core.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The builds of an app, for whoever may use the app ({@link AppAccess}):
 * {@code GET /api/apps/{app}/builds} (newest first, paginated by {@link Paging}),
 * {@code GET /api/apps/{app}/builds/{id}} and {@code GET /api/apps/{app}/builds/{id}/output}, the kept output as
 * {@code text/plain}; for a build still queued or running it streams until the build ends, unless
 * {@code ?follow=false}. A build of another app, or an id that is not one, is 404 {@code build_not_found}.
 */
public final class BuildsApi implements ControlApi {

    private final Store store;
    private final BuildOutputs outputs;
    private final AppAccess access;

    public BuildsApi(Store store, BuildOutputs outputs) {
        this.store = Objects.requireNonNull(store, "store");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.access = new AppAccess(store);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/apps/{app}/builds", this::list);
        r.get("/api/apps/{app}/builds/{id}", this::one);
        r.get("/api/apps/{app}/builds/{id}/output", this::output);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        BuildJson json = new BuildJson(store);
        ArrayNode out = Json.array();
        Paging.read(ctx, page -> store.builds(app.name(), page)).items().forEach(b -> out.add(json.build(b)));
        Json.ok(ctx, out);
    }

    private void one(Context ctx) {
        Json.ok(ctx, new BuildJson(store).build(build(ctx)));
    }

    private void output(Context ctx) throws IOException {
        Build build = build(ctx);
        boolean follow = !"false".equalsIgnoreCase(ctx.queryParam("follow"));
        ctx.status(200).contentType("text/plain; charset=utf-8");
        InputStream in = outputs.open(build.id(), follow && !build.status().isFinal()).orElse(InputStream.nullInputStream());
        // Written to the servlet's own stream (Javalin's buffers for compression) so that each chunk is flushed
        // as the build writes it.
        try (in) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
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
