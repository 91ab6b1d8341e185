package dev.ferry.control.apps;

import dev.ferry.core.api.AppSummary;
import dev.ferry.core.api.CollaboratorInfo;
import dev.ferry.core.api.DomainInfo;
import dev.ferry.core.api.EventInfo;
import dev.ferry.core.api.ReleaseInfo;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import java.util.HashMap;
import java.util.List;
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

    /** {@link AppSummary}. */
    AppSummary app(App app) {
        return new AppSummary(app.name().value(), email(app.owner()), routes.webUrl(app.name()), app.createdAt().toString());
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

    /** {@link DomainInfo}. */
    static DomainInfo domain(AppDomain d) {
        return new DomainInfo(d.hostname(), d.app().value(), d.createdAt().toString());
    }

    /** {@link CollaboratorInfo}. */
    static CollaboratorInfo collaborator(Collaborator c) {
        return new CollaboratorInfo(c.user().email(), c.owner() ? "owner" : "collaborator", c.since().toString());
    }

    /** {@link EventInfo}; actor null for the platform itself. */
    static EventInfo event(Event e) {
        return new EventInfo(e.id(), e.time().toString(), e.actorEmail().orElse(null),
                e.app().map(AppName::value).orElse(null), e.action().code(), e.detail());
    }

    static List<EventInfo> events(List<Event> events) {
        return events.stream().map(ModelJson::event).toList();
    }
}
