package dev.ferry.control.users;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.UserRequest;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

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
        r.get("/api/users", Json.adminList(() -> store.users().stream().map(AccountJson::user).toList()));
        r.post("/api/users", this::create);
    }

    private void create(Context ctx) {
        User admin = Caller.admin(ctx);
        UserRequest request = RequestBody.parse(ctx.body(), UserRequest.class);
        String email;
        try {
            email = User.normalizeEmail(RequestBody.required(request.email(), "email"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        NewUser created = store.createUser(email, Boolean.TRUE.equals(request.admin()), admin.id());
        Json.answer(ctx, 201, AccountJson.newUser(created));
    }
}
