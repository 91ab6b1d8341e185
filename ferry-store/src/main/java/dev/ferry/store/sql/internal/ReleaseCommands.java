package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.LimitExceeded;
import dev.ferry.core.store.CannotRollBack;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseAlreadyFinal;
import dev.ferry.core.store.ReleaseNotFound;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.ReleaseStore;
import dev.ferry.core.store.UnknownProcessType;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import dev.ferry.store.sql.internal.ReleaseRows.Draft;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The store's use cases about config vars, releases and formation, each one transaction. A config or
 * rollback release takes the slug and process types of its base: the app's current (newest succeeded)
 * release for a config change, the target release for a rollback.
 */
public final class ReleaseCommands implements ReleaseStore {

    private final Database db;
    private final Clocked clock;
    private final ConfigRows config;
    private final ReleaseRows releases;
    private final AppLimits limits;

    public ReleaseCommands(Database db, Clocked clock, ConfigCipher cipher, AppLimits limits) {
        this.db = db;
        this.clock = clock;
        this.limits = limits;
        this.config = new ConfigRows(cipher);
        this.releases = new ReleaseRows(config);
    }

    @Override
    public ConfigVars config(AppName name) {
        return db.read(tx -> config.current(tx, AppRows.require(tx, name)));
    }

    @Override
    public Release setConfig(AppName name, Map<String, String> set, UserId by) {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no config vars to set");
        }
        ConfigVars.of(set); // validates every name and value before anything is written
        String description = "Set " + String.join(", ", set.keySet()) + " config vars";
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            ConfigVars after = config.current(tx, app).with(set);
            if (after.size() > limits.maxConfigVars()) {
                throw LimitExceeded.configVars(name, after.size(), limits.maxConfigVars());
            }
            long bytes = AppLimits.configBytes(after);
            if (bytes > limits.maxConfigBytes()) {
                throw LimitExceeded.configBytes(name, bytes, limits.maxConfigBytes());
            }
            config.put(tx, app, set);
            return releaseOnCurrent(tx, app, actor, description, EventAction.CONFIG_SET);
        });
    }

    @Override
    public Release unsetConfig(AppName name, Collection<String> names, UserId by) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no config vars to unset");
        }
        names.forEach(ConfigVars::requireValidName);
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        String description = "Remove " + String.join(", ", distinct) + " config vars";
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            config.remove(tx, app, distinct);
            return releaseOnCurrent(tx, app, actor, description, EventAction.CONFIG_UNSET);
        });
    }

    @Override
    public Release changeConfig(AppName name, Map<String, String> set, Collection<String> unset, UserId by) {
        if (set.isEmpty() || unset.isEmpty()) {
            return set.isEmpty() ? unsetConfig(name, unset, by) : setConfig(name, set, by);
        }
        ConfigVars.of(set);
        unset.forEach(ConfigVars::requireValidName);
        List<String> removed = List.copyOf(new LinkedHashSet<>(unset));
        if (removed.stream().anyMatch(set::containsKey)) {
            throw new IllegalArgumentException("a config var cannot be set and removed in one change");
        }
        String description = "Set " + String.join(", ", set.keySet()) + " and remove " + String.join(", ", removed)
                + " config vars";
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            ConfigVars after = config.current(tx, app).with(set).without(removed);
            if (after.size() > limits.maxConfigVars()) {
                throw LimitExceeded.configVars(name, after.size(), limits.maxConfigVars());
            }
            long bytes = AppLimits.configBytes(after);
            if (bytes > limits.maxConfigBytes()) {
                throw LimitExceeded.configBytes(name, bytes, limits.maxConfigBytes());
            }
            config.put(tx, app, set);
            config.remove(tx, app, removed);
            return releaseOnCurrent(tx, app, actor, description, EventAction.CONFIG_SET);
        });
    }

    private Release releaseOnCurrent(Tx tx, AppRow app, User actor, String description, EventAction action)
            throws SQLException {
        Optional<Release> base = current(tx, app);
        Instant now = clock.now();
        Optional<String> slug = base.flatMap(Release::slugId);
        Release release = releases.create(tx, app, new Draft(description, initialStatus(slug),
                slug, base.map(Release::processTypes).orElse(Map.of()), actor.id()), now);
        EventRows.record(tx, Optional.of(actor), Optional.of(app), action, description, now);
        return release;
    }

    @Override
    public Release createDeployRelease(AppName name, String slugId, String commit, Map<String, String> processTypes,
                                       UserId by) {
        requireToken("slug id", slugId);
        requireToken("commit", commit);
        Map<String, String> types = Release.copyProcessTypes(processTypes);
        String description = "Deploy " + commit.substring(0, Math.min(7, commit.length()));
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Instant now = clock.now();
            Release release = releases.create(tx, app,
                    new Draft(description, ReleaseStatus.PENDING, Optional.of(slugId), types, actor.id()), now);
            Formation formation = FormationRows.of(tx, app);
            Map<String, Integer> added = new LinkedHashMap<>();
            for (String type : types.keySet()) {
                if (!formation.quantities().containsKey(type)) {
                    added.put(type, type.equals("web") ? 1 : 0);
                }
            }
            FormationRows.set(tx, app, added);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.DEPLOY,
                    description + " as " + release.label(), now);
            return release;
        });
    }

    @Override
    public Release setReleaseStatus(AppName name, int version, ReleaseStatus status, UserId by) {
        if (status == ReleaseStatus.PENDING) {
            throw new IllegalArgumentException("a release can only be marked succeeded or failed");
        }
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Release release = releases.find(tx, app, version).orElseThrow(() -> new ReleaseNotFound(name, version));
            if (!releases.finish(tx, app, version, status)) {
                throw new ReleaseAlreadyFinal(name, version, release.status());
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.RELEASE_STATUS,
                    "Mark " + release.label() + " " + status.name().toLowerCase(java.util.Locale.ROOT), clock.now());
            return release.withStatus(status);
        });
    }

    /** A release with a slug waits for the runtime to run it; one without has nothing to run. */
    private static ReleaseStatus initialStatus(Optional<String> slugId) {
        return slugId.isPresent() ? ReleaseStatus.PENDING : ReleaseStatus.SUCCEEDED;
    }

    @Override
    public Release failRelease(AppName name, int version, String reason, UserId by) {
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip().replaceAll("\\s+", " ");
        String cut = why.length() > MAX_FAILURE_REASON ? why.substring(0, MAX_FAILURE_REASON - 1) + "…" : why;
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Release release = releases.find(tx, app, version).orElseThrow(() -> new ReleaseNotFound(name, version));
            if (!releases.finish(tx, app, version, ReleaseStatus.FAILED)) {
                throw new ReleaseAlreadyFinal(name, version, release.status());
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.RELEASE_STATUS,
                    ReleaseStore.failureDetail(version, cut), clock.now());
            return release.withStatus(ReleaseStatus.FAILED);
        });
    }

    @Override
    public Release rollback(AppName name, int version, UserId by) {
        return db.write(tx -> rollback(tx, UserRows.require(tx, by), AppRows.require(tx, name), version));
    }

    @Override
    public Release rollbackToPrevious(AppName name, UserId by) {
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            int current = releases.newestSucceededVersion(tx, app, Integer.MAX_VALUE)
                    .orElseThrow(() -> new CannotRollBack(name, "it has no release yet."));
            int previous = releases.newestSucceededVersion(tx, app, current)
                    .orElseThrow(() -> new CannotRollBack(name, "there is no release before v" + current + "."));
            return rollback(tx, actor, app, previous);
        });
    }

    private Release rollback(Tx tx, User actor, AppRow app, int version) throws SQLException {
        Release target = releases.find(tx, app, version)
                .orElseThrow(() -> new ReleaseNotFound(app.name(), version));
        if (target.status() != ReleaseStatus.SUCCEEDED) {
            throw new CannotRollBack(app.name(), target.label() + (target.status() == ReleaseStatus.FAILED
                    ? " failed." : " has not finished yet."));
        }
        config.restore(tx, app, version);
        Instant now = clock.now();
        String description = "Rollback to " + target.label();
        Release release = releases.create(tx, app, new Draft(description, initialStatus(target.slugId()),
                target.slugId(), target.processTypes(), actor.id()), now);
        EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.ROLLBACK, description, now);
        return release;
    }

    @Override
    public Paged<Release> releases(AppName name, Page page) {
        long before = Pages.before(page);
        Optional<Integer> beforeVersion = before >= Integer.MAX_VALUE ? Optional.empty() : Optional.of((int) before);
        return db.read(tx -> Pages.of(page,
                releases.newestFirst(tx, AppRows.require(tx, name), beforeVersion, page.limit() + 1),
                Release::version));
    }

    @Override
    public Optional<Release> release(AppName name, int version) {
        return db.read(tx -> releases.find(tx, AppRows.require(tx, name), version));
    }

    @Override
    public Optional<Release> currentRelease(AppName name) {
        return db.read(tx -> current(tx, AppRows.require(tx, name)));
    }

    private Optional<Release> current(Tx tx, AppRow app) throws SQLException {
        Optional<Integer> version = releases.newestSucceededVersion(tx, app, Integer.MAX_VALUE);
        return version.isEmpty() ? Optional.empty() : releases.find(tx, app, version.get());
    }

    @Override
    public Formation formation(AppName name) {
        return db.read(tx -> FormationRows.of(tx, AppRows.require(tx, name)));
    }

    @Override
    public Formation scale(AppName name, Map<String, Integer> quantities, UserId by) {
        if (quantities.isEmpty()) {
            throw new IllegalArgumentException("no process types to scale");
        }
        Map<String, Integer> valid = Formation.copyQuantities(quantities);
        String detail = "Scale " + valid.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            Map<String, String> declared = releases.newest(tx, app).map(Release::processTypes).orElse(Map.of());
            for (String type : valid.keySet()) {
                if (!declared.isEmpty() && !declared.containsKey(type)) {
                    throw new UnknownProcessType(name, type);
                }
            }
            FormationRows.set(tx, app, valid);
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.SCALE, detail, clock.now());
            return FormationRows.of(tx, app);
        });
    }

    private static void requireToken(String what, String value) {
        if (value == null || value.isBlank() || value.length() > 200 || !value.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1 to 200 visible ASCII characters");
        }
    }
}
