package dev.ferry.control.autoscale;

import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.AutoscaleDecisionInfo;
import dev.ferry.core.api.AutoscaleInfo;
import dev.ferry.core.api.AutoscaleRequest;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleSetting;
import dev.ferry.core.autoscale.AutoscaleStore;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The autoscaling API ({@code ferry ps:autoscale}), for whoever may use the app:
 * <ul>
 *   <li>{@code GET /api/apps/{app}/autoscale}: the setting, the {@code web} quantity and the last decisions;</li>
 *   <li>{@code PUT /api/apps/{app}/autoscale {"processType":"web","min":1,"max":5,"p95Ms":500}}: turns it on or
 *   changes the rule (the {@link Autoscaler} brings {@code web} into {@code [min, max]} at its next look);</li>
 *   <li>{@code DELETE /api/apps/{app}/autoscale}: turns it off; the quantity stays where it is.</li>
 * </ul>
 * Each answers {@link AutoscaleInfo}. Another process type than {@code web}, {@code min > max}, a goal out of range
 * and an app whose release has no {@code web} type are 400 {@code bad_request}, and change nothing.
 */
public final class AutoscaleApi implements ControlApi {

    private final AutoscaleStore autoscale;
    private final ReleaseStore releases;
    private final AppAccess access;

    public AutoscaleApi(AccountStore accounts, AppStore apps, ReleaseStore releases, AutoscaleStore autoscale) {
        this.autoscale = Objects.requireNonNull(autoscale, "autoscale");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.access = new AppAccess(accounts, apps);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/apps/{app}/autoscale", ctx -> Json.ok(ctx, info(access.require(ctx).name())));
        r.put("/api/apps/{app}/autoscale", this::put);
        r.delete("/api/apps/{app}/autoscale", this::delete);
    }

    private void put(Context ctx) {
        App app = access.require(ctx);
        AutoscaleRequest request = RequestBody.parse(ctx.body(), AutoscaleRequest.class);
        String type = Optional.ofNullable(request.processType()).orElse(AutoscaleRule.WEB);
        if (!type.equals(AutoscaleRule.WEB)) {
            throw new InvalidInput("only web is autoscaled, not " + type + ": the router sends HTTP requests, whose"
                    + " response times the autoscaler reads, to web alone; scale " + type + " with ps:scale");
        }
        AutoscaleRule rule;
        try {
            rule = new AutoscaleRule(required(request.min(), "min"), required(request.max(), "max"),
                    Duration.ofMillis(required(request.p95Ms(), "p95Ms")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Map<String, String> types = releases.currentRelease(app.name()).map(Release::processTypes).orElse(Map.of());
        if (!types.isEmpty() && !types.containsKey(AutoscaleRule.WEB)) {
            throw new InvalidInput(app.name() + " has no web process type in its current release (its Procfile"
                    + " declares " + String.join(", ", types.keySet()) + "), so there is nothing to autoscale");
        }
        autoscale.enableAutoscaling(app.name(), rule, Caller.of(ctx).id());
        Json.ok(ctx, info(app.name()));
    }

    private void delete(Context ctx) {
        App app = access.require(ctx);
        autoscale.disableAutoscaling(app.name(), "turned off", Caller.of(ctx).id());
        Json.ok(ctx, info(app.name()));
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInput("the request body needs the field '" + field + "'");
        }
        return value;
    }

    private AutoscaleInfo info(AppName app) {
        Optional<AutoscaleSetting> setting = autoscale.autoscaling(app);
        Optional<AutoscaleRule> rule = setting.map(AutoscaleSetting::rule);
        return new AutoscaleInfo(app.value(), setting.isPresent(), AutoscaleRule.WEB,
                rule.map(AutoscaleRule::min).orElse(null), rule.map(AutoscaleRule::max).orElse(null),
                rule.map(r -> r.p95Goal().toMillis()).orElse(null),
                setting.map(s -> s.since().toString()).orElse(null),
                releases.formation(app).quantity(AutoscaleRule.WEB),
                autoscale.autoscaleDecisions(app).stream().map(d -> new AutoscaleDecisionInfo(d.at().toString(),
                        d.from(), d.to(), d.p95().toMillis(), d.requests(), d.reason())).toList());
    }
}
