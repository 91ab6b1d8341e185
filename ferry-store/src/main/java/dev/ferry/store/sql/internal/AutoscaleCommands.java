package dev.ferry.store.sql.internal;

import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleSetting;
import dev.ferry.core.autoscale.AutoscaleStore;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.store.sql.internal.AppRows.AppRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's use cases about autoscaling, each one transaction: the rule of an app ({@code autoscale_settings}) and
 * the autoscaler's decisions ({@code autoscale_decisions}, the last {@value AutoscaleStore#KEPT_DECISIONS} per app).
 * A decision sets the formation with the same rows as {@code ps:scale} ({@link FormationRows}).
 */
public final class AutoscaleCommands implements AutoscaleStore {

    private static final String SETTING = "SELECT a.name, s.min_quantity, s.max_quantity, s.p95_goal_ms, s.since"
            + " FROM autoscale_settings s JOIN apps a ON a.id = s.app_id";

    private final Database db;
    private final Clocked clock;

    public AutoscaleCommands(Database db, Clocked clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<AutoscaleSetting> autoscaling(AppName app) {
        return db.read(tx -> setting(tx, AppRows.require(tx, app)));
    }

    @Override
    public List<AutoscaleSetting> autoscaledApps() {
        return db.read(tx -> tx.list(SETTING + " ORDER BY a.name", AutoscaleCommands::setting));
    }

    @Override
    public AutoscaleSetting enableAutoscaling(AppName name, AutoscaleRule rule, UserId by) {
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            tx.update("DELETE FROM autoscale_settings WHERE app_id = ?", app.id());
            tx.update("INSERT INTO autoscale_settings (app_id, process_type, min_quantity, max_quantity, p95_goal_ms,"
                    + " since) VALUES (?, ?, ?, ?, ?, ?)", app.id(), AutoscaleRule.WEB, rule.min(), rule.max(),
                    rule.p95Goal().toMillis(), clock.now().toEpochMilli());
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.AUTOSCALE_ENABLE,
                    "Autoscale " + rule.describe(), clock.now());
            return setting(tx, app).orElseThrow();
        });
    }

    @Override
    public boolean disableAutoscaling(AppName name, String why, UserId by) {
        return db.write(tx -> {
            User actor = UserRows.require(tx, by);
            AppRow app = AppRows.require(tx, name);
            if (tx.update("DELETE FROM autoscale_settings WHERE app_id = ?", app.id()) == 0) {
                return false;
            }
            EventRows.record(tx, Optional.of(actor), Optional.of(app), EventAction.AUTOSCALE_DISABLE,
                    "Stop autoscaling web: " + why, clock.now());
            return true;
        });
    }

    @Override
    public Optional<Formation> autoscaled(AppName name, AutoscaleDecision decision) {
        return db.write(tx -> {
            Optional<AppRow> found = AppRows.find(tx, name);
            if (found.isEmpty() || setting(tx, found.get()).isEmpty()
                    || FormationRows.of(tx, found.get()).quantity(AutoscaleRule.WEB) != decision.from()) {
                return Optional.empty();
            }
            AppRow app = found.get();
            FormationRows.set(tx, app, Map.of(AutoscaleRule.WEB, decision.to()));
            tx.update("INSERT INTO autoscale_decisions (app_id, process_type, from_quantity, to_quantity, p95_ms,"
                    + " requests, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", app.id(), AutoscaleRule.WEB,
                    decision.from(), decision.to(), decision.p95().toMillis(), decision.requests(), decision.reason(),
                    decision.at().toEpochMilli());
            tx.update("DELETE FROM autoscale_decisions WHERE app_id = ? AND id NOT IN (SELECT id FROM"
                    + " autoscale_decisions WHERE app_id = ? ORDER BY id DESC LIMIT " + KEPT_DECISIONS + ")",
                    app.id(), app.id());
            EventRows.record(tx, Optional.empty(), Optional.of(app), EventAction.AUTOSCALE, decision.reason(),
                    clock.now());
            return Optional.of(FormationRows.of(tx, app));
        });
    }

    @Override
    public List<AutoscaleDecision> autoscaleDecisions(AppName name) {
        return db.read(tx -> tx.list("SELECT from_quantity, to_quantity, p95_ms, requests, reason, decided_at"
                + " FROM autoscale_decisions WHERE app_id = ? ORDER BY id DESC LIMIT " + KEPT_DECISIONS,
                row -> new AutoscaleDecision(Instant.ofEpochMilli(row.getLong("decided_at")), row.getInt("from_quantity"),
                        row.getInt("to_quantity"), Duration.ofMillis(row.getLong("p95_ms")), row.getLong("requests"),
                        row.getString("reason")), AppRows.require(tx, name).id()));
    }

    private static Optional<AutoscaleSetting> setting(Tx tx, AppRow app) throws SQLException {
        return tx.one(SETTING + " WHERE s.app_id = ?", AutoscaleCommands::setting, app.id());
    }

    private static AutoscaleSetting setting(ResultSet row) throws SQLException {
        return new AutoscaleSetting(AppName.of(row.getString(1)),
                new AutoscaleRule(row.getInt(2), row.getInt(3), Duration.ofMillis(row.getLong(4))),
                Instant.ofEpochMilli(row.getLong(5)));
    }
}
