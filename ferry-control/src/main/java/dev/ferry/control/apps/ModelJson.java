package dev.ferry.control.apps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.json.Json;
import dev.ferry.core.api.ReleaseInfo;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of the app model. Users appear by e-mail address; times are ISO-8601 UTC; config values
 * appear only in the config resource, never in releases or events. Not thread-safe: one per request
 * (it caches user look-ups).
 */
final class ModelJson {

    private final AccountStore accounts;
    private final AppRoutes routes;
    private final Map<UserId, String> emails = new HashMap<>();

    ModelJson(AccountStore accounts, AppRoutes routes) {
        this.accounts = accounts;
        this.routes = routes;
    }

    String email(UserId id) {
        return emails.computeIfAbsent(id, i -> accounts.user(i).map(User::email).orElse("user " + i));
    }

    /** {@code {"name","owner","webUrl","createdAt"}}. */
    ObjectNode app(App app) {
        ObjectNode n = Json.object();
        n.put("name", app.name().value());
        n.put("owner", email(app.owner()));
        n.put("webUrl", routes.webUrl(app.name()));
        n.put("createdAt", app.createdAt().toString());
        return n;
    }

    /** {@link #release(Release)} with {@code failure}: why its deploy failed, when known. */
    ReleaseInfo release(Release r, Optional<String> failure) {
        return new ReleaseInfo(r.version(), r.description(), r.status().name().toLowerCase(Locale.ROOT),
                email(r.createdBy()), r.createdAt().toString(), r.slugId().orElse(null), failure.orElse(null), null, null);
    }

    /** {@link ReleaseInfo}: {@code {"version","description","status","createdBy","createdAt","slugId"?}}. */
    ReleaseInfo release(Release r) {
        return release(r, Optional.empty());
    }

    /** {@code {"hostname","app","createdAt"}}. */
    static ObjectNode domain(AppDomain d) {
        ObjectNode n = Json.object();
        n.put("hostname", d.hostname());
        n.put("app", d.app().value());
        n.put("createdAt", d.createdAt().toString());
        return n;
    }

    /** {@code {"email","role":"owner"|"collaborator","since"}}. */
    static ObjectNode collaborator(Collaborator c) {
        ObjectNode n = Json.object();
        n.put("email", c.user().email());
        n.put("role", c.owner() ? "owner" : "collaborator");
        n.put("since", c.since().toString());
        return n;
    }

    /** {@code {"web":1,"worker":0}}, by process type. */
    static ObjectNode formation(Formation f) {
        ObjectNode n = Json.object();
        f.quantities().forEach(n::put);
        return n;
    }

    /** {@code {"id","time","actor","app","action","detail"}}; actor null for the platform itself. */
    static ObjectNode event(Event e) {
        ObjectNode n = Json.object();
        n.put("id", e.id());
        n.put("time", e.time().toString());
        if (e.actorEmail().isPresent()) {
            n.put("actor", e.actorEmail().get());
        } else {
            n.putNull("actor");
        }
        if (e.app().isPresent()) {
            n.put("app", e.app().get().value());
        } else {
            n.putNull("app");
        }
        n.put("action", e.action().code());
        n.put("detail", e.detail());
        return n;
    }

    static ArrayNode events(Iterable<Event> events) {
        ArrayNode a = Json.array();
        events.forEach(e -> a.add(event(e)));
        return a;
    }
}
