package dev.ferry.store.sql.internal;

import dev.ferry.core.store.AppName;
import dev.ferry.core.usage.InstanceRun;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UsageRecord;
import dev.ferry.core.usage.UsageStore;
import dev.ferry.core.usage.UtcDays;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's use cases about usage records, each one transaction: traffic rows are added to with an upsert
 * (SQLite and PostgreSQL share the {@code ON CONFLICT} form), instance lifetimes are rows opened and closed, and
 * reading sums both with the builds' times, splitting spans at midnight UTC ({@link UtcDays}).
 */
public final class UsageCommands implements UsageStore {

    private static final String ADD_TRAFFIC = "INSERT INTO usage_traffic (app, process_type, day, requests, bytes_in,"
            + " bytes_out, tunnel_requests, tunnel_bytes_in, tunnel_bytes_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (app, process_type, day) DO UPDATE SET"
            + " requests = usage_traffic.requests + excluded.requests,"
            + " bytes_in = usage_traffic.bytes_in + excluded.bytes_in,"
            + " bytes_out = usage_traffic.bytes_out + excluded.bytes_out,"
            + " tunnel_requests = usage_traffic.tunnel_requests + excluded.tunnel_requests,"
            + " tunnel_bytes_in = usage_traffic.tunnel_bytes_in + excluded.tunnel_bytes_in,"
            + " tunnel_bytes_out = usage_traffic.tunnel_bytes_out + excluded.tunnel_bytes_out";

    private final Database db;

    public UsageCommands(Database db) {
        this.db = db;
    }

    @Override
    public void addTraffic(List<TrafficCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        db.write(tx -> {
            for (TrafficCount c : counts) {
                tx.update(ADD_TRAFFIC, c.app().value(), c.processType(), c.day().toString(), c.requests(),
                        c.bytesIn(), c.bytesOut(), c.tunnelRequests(), c.tunnelBytesIn(), c.tunnelBytesOut());
            }
            return null;
        });
    }

    @Override
    public void instanceStarted(InstanceRun run) {
        long at = run.started().toEpochMilli();
        db.write(tx -> tx.update("INSERT INTO usage_instances (id, app, process_type, started_at, last_seen_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                run.id(), run.app().value(), run.processType(), at, at));
    }

    @Override
    public void instanceStopped(String id, Instant at) {
        long ms = at.toEpochMilli();
        db.write(tx -> tx.update("UPDATE usage_instances SET stopped_at = CASE WHEN ? < started_at THEN started_at"
                + " ELSE ? END, last_seen_at = ? WHERE id = ? AND stopped_at IS NULL", ms, ms, ms, id));
    }

    @Override
    public void stillRunning(Instant at) {
        long ms = at.toEpochMilli();
        db.write(tx -> tx.update("UPDATE usage_instances SET last_seen_at = ? WHERE stopped_at IS NULL"
                + " AND last_seen_at < ?", ms, ms));
    }

    @Override
    public int closeInterrupted() {
        return db.write(tx -> tx.update("UPDATE usage_instances SET stopped_at = last_seen_at WHERE stopped_at IS NULL"));
    }

    @Override
    public List<UsageRecord> usage(Optional<AppName> app, LocalDate since, Instant now) {
        long from = UtcDays.start(since).toEpochMilli();
        String only = app.map(AppName::value).orElse(null);
        Map<Key, Sums> sums = db.read(tx -> { // a fresh map each run: a database may run the work again
            Map<Key, Sums> read = new TreeMap<>();
            addTraffic(tx, read, since, only);
            addInstances(tx, read, from, now, only);
            addBuilds(tx, read, from, only);
            return read;
        });
        List<UsageRecord> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> out.add(new UsageRecord(AppName.of(k.app()), k.type(), k.day(),
                Math.round(s.instanceMillis / 1000.0), s.requests, s.bytesIn, s.bytesOut,
                Math.round(s.buildMillis / 1000.0), s.tunnelRequests, s.tunnelBytesIn, s.tunnelBytesOut)));
        return out;
    }

    private static void addTraffic(Tx tx, Map<Key, Sums> sums, LocalDate since, String only) throws SQLException {
        tx.list("SELECT app, process_type, day, requests, bytes_in, bytes_out, tunnel_requests, tunnel_bytes_in,"
                + " tunnel_bytes_out FROM usage_traffic WHERE day >= ?" + (only == null ? "" : " AND app = ?"), rs -> {
            Sums s = sums.computeIfAbsent(new Key(LocalDate.parse(rs.getString(3)), rs.getString(1), rs.getString(2)),
                    k -> new Sums());
            s.requests += rs.getLong(4);
            s.bytesIn += rs.getLong(5);
            s.bytesOut += rs.getLong(6);
            s.tunnelRequests += rs.getLong(7);
            s.tunnelBytesIn += rs.getLong(8);
            s.tunnelBytesOut += rs.getLong(9);
            return null;
        }, args(since.toString(), only));
    }

    private static void addInstances(Tx tx, Map<Key, Sums> sums, long from, Instant now, String only)
            throws SQLException {
        tx.list("SELECT app, process_type, started_at, stopped_at FROM usage_instances"
                + " WHERE (stopped_at IS NULL OR stopped_at > ?)" + (only == null ? "" : " AND app = ?"), rs -> {
            long stopped = rs.getLong(4);
            Instant end = rs.wasNull() ? now : Instant.ofEpochMilli(stopped);
            Instant start = Instant.ofEpochMilli(Math.max(rs.getLong(3), from));
            String appName = rs.getString(1);
            String type = rs.getString(2);
            UtcDays.millisByDay(start, end).forEach((day, ms) ->
                    sums.computeIfAbsent(new Key(day, appName, type), k -> new Sums()).instanceMillis += ms);
            return null;
        }, args(from, only));
    }

    private static void addBuilds(Tx tx, Map<Key, Sums> sums, long from, String only) throws SQLException {
        tx.list("SELECT a.name, b.started_at, b.finished_at FROM builds b JOIN apps a ON a.id = b.app_id"
                + " WHERE b.started_at IS NOT NULL AND b.finished_at IS NOT NULL AND b.finished_at > ?"
                + (only == null ? "" : " AND a.name = ?"), rs -> {
            String appName = rs.getString(1);
            Instant start = Instant.ofEpochMilli(Math.max(rs.getLong(2), from));
            UtcDays.millisByDay(start, Instant.ofEpochMilli(rs.getLong(3))).forEach((day, ms) ->
                    sums.computeIfAbsent(new Key(day, appName, UsageRecord.BUILDS), k -> new Sums()).buildMillis += ms);
            return null;
        }, args(from, only));
    }

    /** The query's arguments: {@code first}, then the app when the query is for one. */
    private static Object[] args(Object first, String only) {
        return only == null ? new Object[] {first} : new Object[] {first, only};
    }

    private record Key(LocalDate day, String app, String type) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            if (c == 0) {
                c = app.compareTo(o.app);
            }
            return c != 0 ? c : type.compareTo(o.type);
        }
    }

    private static final class Sums {
        long instanceMillis;
        long requests;
        long bytesIn;
        long bytesOut;
        long buildMillis;
        long tunnelRequests;
        long tunnelBytesIn;
        long tunnelBytesOut;
    }
}
