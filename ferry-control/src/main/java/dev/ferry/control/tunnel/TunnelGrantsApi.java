package dev.ferry.control.tunnel;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.TokenVerifier;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.access.AuthFailureLimiter;
import dev.ferry.core.api.TunnelGrant;
import dev.ferry.core.api.TunnelGrantRequest;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /api/tunnel-gateways/{id}/grants {"token","app","client"}}: a separate gateway's question whether
 * an agent's token may publish an app, when the agent connects and again every second while its tunnel lives. The
 * gateway asks with its own admin token (the path is admin-only), so a wrong agent token counts against the
 * agent's address ({@code client}) in the {@link AuthFailureLimiter}, never against the gateway's, and an agent's
 * address over its limit is refused without its token being looked at. The rule is that of
 * {@link TunnelApi}: the token's user is an admin, the owner or a collaborator of an existing app. Answers
 * {@code {"allowed":true,"user","app","previewHost","appHosts":[...]}}, or {@code {"allowed":false,"code","error"}}
 * with {@code code} {@code unauthorized}, {@code forbidden} or {@code too_many_failures} (then also
 * {@code retryAfterSeconds}).
 */
public final class TunnelGrantsApi implements ControlApi {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final String WHAT = "tunnel agent token";

    private final AppStore store;
    private final TokenVerifier tokens;
    private final TunnelDirectory directory;
    private final AuthFailureLimiter failures;

    public TunnelGrantsApi(AppStore store, TokenVerifier tokens, TunnelDirectory directory, AuthFailureLimiter failures) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/tunnel-gateways/{id}/grants", this::grant);
    }

    private void grant(Context ctx) {
        TunnelGrantRequest question = RequestBody.parse(ctx.body(), TunnelGrantRequest.class);
        String token = required(question.token(), "token");
        String appName = required(question.app(), "app");
        String client = required(question.client(), "client");
        if (!IP_LITERAL.matcher(client).matches()) {
            throw new InvalidInput("'client' must be the agent's IP address");
        }
        Optional<Duration> refused = failures.refusal(client);
        if (refused.isPresent()) {
            long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
            Json.ok(ctx, TunnelGrant.denied("too_many_failures", "too many failed authentications from your address; try again in "
                    + seconds + " s", seconds));
            return;
        }
        Optional<User> user = tokens.authenticate(token);
        if (user.isEmpty()) {
            failures.failed(client, WHAT);
            Json.ok(ctx, TunnelGrant.denied("unauthorized", "the token is not valid (log in again, or create a new token)", null));
            return;
        }
        Optional<AppName> app = AppName.isValid(appName) ? Optional.of(AppName.of(appName)) : Optional.empty();
        if (app.isEmpty() || store.app(app.get()).isEmpty()
                || !(user.get().admin() || store.canAccess(user.get().id(), app.get()))) {
            Json.ok(ctx, TunnelGrant.denied("forbidden", "You do not have access to the app " + appName + ".", null));
            return;
        }
        Json.ok(ctx, TunnelGrant.allowed(user.get().id().value(), app.get().value(), directory.previewHost(app.get()),
                java.util.List.copyOf(directory.hostNames().of(app.get(), store))));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("the request body needs the field '" + field + "'");
        }
        return value;
    }
}
