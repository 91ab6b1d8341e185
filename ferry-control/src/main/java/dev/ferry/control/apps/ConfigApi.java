package dev.ferry.control.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidConfig;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.api.ConfigChange;
import dev.ferry.core.store.App;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/apps/{app}/config} answers the config vars as one JSON object;
 * {@code PATCH /api/apps/{app}/config} takes {@code {"A":"1","B":"2"}} to set vars or
 * {@code {"A":null}} to unset them, each as one new release ("Set A, B config vars", "Remove A config
 * vars"), and answers the resulting vars once the app's instances run the new release or its deploy failed
 * (the release list then shows it {@code failed}, with its {@code failure}). Setting some and unsetting others in
 * one request ({@code config:edit}) is one release, "Set A and remove B config vars". Unsetting vars that are not set drops them from the change, and when none is set
 * nothing changes and no release is made.
 */
final class ConfigApi {

    private final ReleaseStore store;
    private final AppAccess access;
    private final Deployments deployments;

    ConfigApi(ReleaseStore store, AppAccess access, Deployments deployments) {
        this.store = store;
        this.access = access;
        this.deployments = deployments;
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/config", this::get);
        r.patch("/api/apps/{app}/config", this::patch);
    }

    private void get(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, store.config(app.name()).asMap());
    }

    private void patch(Context ctx) {
        App app = access.require(ctx);
        RequestBody body = RequestBody.parse(ctx.body());
        Map<String, String> set = new LinkedHashMap<>();
        List<String> unset = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.node().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = validName(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                unset.add(name);
            } else if (value.isTextual()) {
                set.put(name, validValue(name, value.textValue()));
            } else {
                throw new InvalidInput("the value of config var " + name + " must be a string, or null to unset it");
            }
        }
        if (set.isEmpty() && unset.isEmpty()) {
            throw new InvalidInput("the request body names no config var to set or unset");
        }
        // as Heroku: a var that is not set is not removed again, and removing none makes no release
        unset.retainAll(store.config(app.name()).asMap().keySet());
        ConfigChange change = new ConfigChange(set, unset);
        if (!change.isEmpty()) {
            deployments.release(app.name(),
                    () -> store.changeConfig(app.name(), change.set(), change.unset(), Caller.of(ctx).id()), line -> { });
        }
        Json.ok(ctx, store.config(app.name()).asMap());
    }

    private static String validName(String name) {
        try {
            return ConfigVars.requireValidName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig(e.getMessage());
        }
    }

    private static String validValue(String name, String value) {
        try {
            return ConfigVars.requireValidValue(name, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig(e.getMessage());
        }
    }
}
