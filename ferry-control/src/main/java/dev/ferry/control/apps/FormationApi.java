package dev.ferry.control.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.ProcessType;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/apps/{app}/formation} answers {@code {"web":2,"worker":1}};
 * {@code PATCH /api/apps/{app}/formation} takes the same shape and changes only the types it names
 * (0 to {@value Formation#MAX_QUANTITY} each), then has the runtime start or stop instances to match; {@code release}
 * (the release phase) is refused. A quantity for {@code web} while it is autoscaled turns autoscaling off, as on
 * Heroku: the person who scales by hand decides from then on ({@code autoscale.disable} event).
 */
final class FormationApi {

    /** The Procfile type that is the release phase, not a process to run. */
    private static final String RELEASE_PHASE = "release";

    private final ReleaseStore store;
    private final AppAccess access;
    private final Deployments deployments;
    private final AutoscaleStore autoscale;

    FormationApi(ReleaseStore store, AutoscaleStore autoscale, AppAccess access, Deployments deployments) {
        this.store = store;
        this.autoscale = autoscale;
        this.access = access;
        this.deployments = deployments;
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/formation", this::get);
        r.patch("/api/apps/{app}/formation", this::patch);
    }

    private void get(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, store.formation(app.name()).quantities());
    }

    private void patch(Context ctx) {
        App app = access.require(ctx);
        RequestBody body = RequestBody.parse(ctx.body());
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.node().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isIntegralNumber() || !value.canConvertToInt()
                    || value.intValue() < 0 || value.intValue() > Formation.MAX_QUANTITY) {
                throw new InvalidInput("the quantity of " + field.getKey() + " must be an integer from 0 to "
                        + Formation.MAX_QUANTITY);
            }
            if (field.getKey().equals(RELEASE_PHASE)) {
                throw new InvalidInput("release is the release phase: it runs once before each release starts, "
                        + "and cannot be scaled; scale web, worker or another process type");
            }
            try {
                quantities.put(ProcessType.requireValid(field.getKey()), value.intValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(e.getMessage());
            }
        }
        if (quantities.isEmpty()) {
            throw new InvalidInput("the request body names no process type, as in {\"web\":2}");
        }
        Formation formation = store.scale(app.name(), quantities, Caller.of(ctx).id());
        if (quantities.containsKey(AutoscaleRule.WEB)) {
            autoscale.disableAutoscaling(app.name(), "web scaled by hand to " + quantities.get(AutoscaleRule.WEB),
                    Caller.of(ctx).id());
        }
        deployments.scaled(formation);
        Json.ok(ctx, formation.quantities());
    }
}
