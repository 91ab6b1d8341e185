package dev.ferry.control.usage;

import dev.ferry.control.ControlApi;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.error.UnknownApp;
import dev.ferry.control.json.Json;
import dev.ferry.core.api.UsageInfo;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.User;
import dev.ferry.core.usage.UsageRecord;
import dev.ferry.core.usage.UsageStore;
import dev.ferry.core.usage.UtcDays;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/usage[?app=APP][&since=YYYY-MM-DD]} ({@code ferry usage}): the usage records per UTC day, app and
 * process type, oldest day first, from {@code since} (default: {@value #DEFAULT_DAYS} days before today, UTC) to
 * today, instances still running counted up to now. A user sees the apps they own or collaborate on; an admin sees
 * every app, destroyed ones included. An app the caller cannot see is 404 {@code app_not_found}, like a name no app
 * has; a malformed or future date is 400 {@code bad_request}.
 */
public final class UsageApi implements ControlApi {

    public static final int DEFAULT_DAYS = 30;

    private final AppStore apps;
    private final UsageStore usage;
    private final Clock clock;

    public UsageApi(AppStore apps, UsageStore usage) {
        this(apps, usage, Clock.systemUTC());
    }

    /** @param clock what "today" and "now" are */
    public UsageApi(AppStore apps, UsageStore usage, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/usage", this::list);
    }

    private void list(Context ctx) {
        User caller = Caller.of(ctx);
        LocalDate today = UtcDays.of(clock.instant());
        LocalDate since = since(ctx.queryParam("since"), today);
        Optional<AppName> app = Optional.ofNullable(ctx.queryParam("app")).map(name -> visibleApp(caller, name));
        List<UsageRecord> records = usage.usage(app, since, clock.instant());
        if (!caller.admin() && app.isEmpty()) {
            Set<AppName> mine = apps.apps(caller.id()).stream().map(App::name).collect(Collectors.toSet());
            records = records.stream().filter(u -> mine.contains(u.app())).toList();
        }
        Json.ok(ctx, records.stream().map(UsageApi::json).toList());
    }

    private AppName visibleApp(User caller, String name) {
        if (!AppName.isValid(name)) {
            throw new UnknownApp(name);
        }
        AppName app = AppName.of(name);
        boolean visible = caller.admin()
                ? apps.app(app).isPresent() || !usage.usage(Optional.of(app), LocalDate.EPOCH, clock.instant()).isEmpty()
                : apps.canAccess(caller.id(), app);
        if (!visible) {
            throw new UnknownApp(name);
        }
        return app;
    }

    private static LocalDate since(String value, LocalDate today) {
        if (value == null) {
            return today.minusDays(DEFAULT_DAYS);
        }
        LocalDate since;
        try {
            since = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("since must be a date such as " + today.minusDays(7) + " (YYYY-MM-DD), not '"
                    + value + "'.");
        }
        if (since.isAfter(today)) {
            throw new InvalidInput("since (" + since + ") is after today (" + today + ", UTC).");
        }
        return since;
    }

    private static UsageInfo json(UsageRecord u) {
        return new UsageInfo(u.day().toString(), u.app().value(), u.processType(), u.instanceSeconds(), u.requests(),
                u.bytesIn(), u.bytesOut(), u.buildSeconds(), u.tunnelRequests(), u.tunnelBytesIn(), u.tunnelBytesOut());
    }
}
