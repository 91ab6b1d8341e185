package dev.ferry.control.apps;

import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.access.AccessChange;
import dev.ferry.core.access.AccessChanges;
import dev.ferry.core.api.CollaboratorRequest;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Who may use an app: {@code GET /api/apps/{app}/collaborators} (the owner first), and for the owner or an
 * admin {@code POST {"email"}} and {@code DELETE /api/apps/{app}/collaborators/{email}}. The user must exist
 * (an admin adds users with {@code POST /api/users}). A removal is announced through {@link AccessChanges}, which
 * closes the removed user's sessions on the app (log streams, {@code run}, tunnels, git).
 */
final class CollaboratorsApi {

    private final AppStore store;
    private final AccountStore accounts;
    private final AppAccess access;
    private final AccessChanges changes;

    CollaboratorsApi(AppStore store, AccountStore accounts, AppAccess access, AccessChanges changes) {
        this.store = store;
        this.accounts = accounts;
        this.access = access;
        this.changes = changes;
    }

    void register(RoutesConfig r) {
        r.get("/api/apps/{app}/collaborators", this::list);
        r.post("/api/apps/{app}/collaborators", this::add);
        r.delete("/api/apps/{app}/collaborators/{email}", this::remove);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, store.collaborators(app.name()).stream().map(ModelJson::collaborator).toList());
    }

    private void add(Context ctx) {
        App app = access.requireOwner(ctx);
        String email = email(RequestBody.required(RequestBody.parse(ctx.body(), CollaboratorRequest.class).email(), "email"));
        Collaborator added = store.addCollaborator(app.name(), email, Caller.of(ctx).id());
        Json.answer(ctx, 201, ModelJson.collaborator(added));
    }

    private void remove(Context ctx) {
        App app = access.requireOwner(ctx);
        String email = email(ctx.pathParam("email"));
        store.removeCollaborator(app.name(), email, Caller.of(ctx).id());
        accounts.userByEmail(email).ifPresent(u -> changes.announce(new AccessChange.CollaboratorRemoved(u.id(), app.name())));
        ctx.status(204);
    }

    private static String email(String raw) {
        try {
            return User.normalizeEmail(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
