package dev.ferry.control.users;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.TokenRequest;
import dev.ferry.core.access.AccessChange;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.TokenNotFound;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * The caller's own API tokens: {@code GET /api/tokens} (without secrets), {@code POST /api/tokens
 * {"description"?}} (answers the secret once) and {@code DELETE /api/tokens/{id}} (revokes; the token is
 * refused with 401 from then on, and the log streams, {@code run} sessions, tunnels and git sessions it opened
 * are closed through {@link AccessChanges} before the answer).
 */
public final class TokensApi {

    private final AccountStore store;
    private final AccessChanges changes;

    /** @param changes told of each revocation, so that sessions opened with the token end */
    public TokensApi(AccountStore store, AccessChanges changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    public void register(RoutesConfig r) {
        r.get("/api/tokens", this::list);
        r.post("/api/tokens", this::create);
        r.delete("/api/tokens/{id}", this::revoke);
    }

    private void list(Context ctx) {
        Json.ok(ctx, store.tokens(Caller.of(ctx).id()).stream().map(AccountJson::token).toList());
    }

    private void create(Context ctx) {
        User caller = Caller.of(ctx);
        String description = Objects.requireNonNullElse(
                RequestBody.parseOrEmpty(ctx.body(), TokenRequest.class).description(), "");
        try {
            ApiToken.requireValidDescription(description);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        Json.answer(ctx, 201, AccountJson.newToken(store.createToken(caller.id(), description)));
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            ApiToken.requireValidId(id);
        } catch (IllegalArgumentException e) {
            throw new TokenNotFound(id);
        }
        User caller = Caller.of(ctx);
        store.revokeToken(caller.id(), id);
        changes.announce(new AccessChange.TokenRevoked(caller.id()));
        ctx.status(204);
    }
}
