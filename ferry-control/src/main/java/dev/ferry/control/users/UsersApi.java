package dev.ferry.control.users;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * Users, for admins only (403 {@code forbidden} otherwise): {@code GET /api/users} (oldest first) and
 * {@code POST /api/users {"email","admin"?}}, which answers the user with {@code "token"}, the secret of
 * their first API token, shown this once.
 */
public final class UsersApi {

    private final AccountStore store;

    public UsersApi(AccountStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public void register(RoutesConfig r) {
        r.get("/api/users", this::list);
        r.post("/api/users", this::create);
    }

    private void list(Context ctx) {
        Caller.admin(ctx);
        ArrayNode out = Json.array();
        store.users().forEach(u -> out.add(AccountJson.user(u)));
        Json.ok(ctx, out);
    }

    private void create(Context ctx) {
        User admin = Caller.admin(ctx);
        RequestBody body = RequestBody.parse(ctx.body(), Set.of("email", "admin"));
        String email;
        try {
            email = User.normalizeEmail(body.requiredText("email"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        NewUser created = store.createUser(email, body.optionalBoolean("admin").orElse(false), admin.id());
        ObjectNode n = AccountJson.user(created.user());
        n.put("token", created.firstToken().secret());
        n.put("tokenId", created.firstToken().token().id());
        Json.answer(ctx, 201, n);
    }
}
