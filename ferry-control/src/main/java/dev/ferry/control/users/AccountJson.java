package dev.ferry.control.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.json.Json;
import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.User;

/** The wire form of users and tokens; a token's secret appears only in the answer that created it. */
final class AccountJson {

    private AccountJson() {
    }

    /** {@code {"id","email","admin","createdAt"}}. */
    static ObjectNode user(User u) {
        ObjectNode n = Json.object();
        n.put("id", u.id().value());
        n.put("email", u.email());
        n.put("admin", u.admin());
        n.put("createdAt", u.createdAt().toString());
        return n;
    }

    /** {@code {"id","description","createdAt","lastUsedAt"}}. */
    static ObjectNode token(ApiToken t) {
        ObjectNode n = Json.object();
        n.put("id", t.id());
        n.put("description", t.description());
        n.put("createdAt", t.createdAt().toString());
        Json.putTime(n, "lastUsedAt", t.lastUsedAt());
        return n;
    }

    /** {@link #token} plus {@code "secret"}, shown once. */
    static ObjectNode newToken(NewToken t) {
        ObjectNode n = token(t.token());
        n.put("secret", t.secret());
        return n;
    }
}
