package dev.ferry.store.postgres.internal;

import dev.ferry.core.store.StoreUnavailable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Copies the rows of the SQLite store's tables into the same tables of PostgreSQL, inside transactions its
 * caller holds on both connections. Values are converted by the PostgreSQL column's type (SQLite keeps booleans
 * as 0 and 1, PostgreSQL as BOOLEAN); ids are copied as they are, then each identity sequence is moved past the
 * highest id SQLite ever gave (its {@code sqlite_sequence}, which counts destroyed rows too), so no id is reused.
 */
public final class RowCopy {

    /** The tables copied, in an order foreign keys allow, with their identity column (empty when none). */
    public static final Map<String, String> TABLES = tables();
    /** Tables of the SQLite file that are not copied: the probe row is rewritten by use, the rest is SQLite's own. */
    private static final Set<String> NOT_COPIED = Set.of("write_probe", "flyway_schema_history", "sqlite_sequence");
    private static final int BATCH = 500;

    private final Connection from;
    private final Connection to;

    public RowCopy(Connection from, Connection to) {
        this.from = from;
        this.to = to;
    }

    private static Map<String, String> tables() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("key_check", "");
        t.put("users", "id");
        t.put("api_tokens", "seq");
        t.put("ssh_keys", "seq");
        t.put("apps", "id");
        t.put("collaborators", "");
        t.put("config_vars", "");
        t.put("releases", "");
        t.put("release_config_vars", "");
        t.put("release_process_types", "");
        t.put("formation", "");
        t.put("domains", "");
        t.put("builds", "id");
        t.put("log_drains", "seq");
        t.put("events", "id");
        t.put("certificates", "id");
        t.put("app_https", "");
        t.put("acme_challenges", "");
        t.put("acme_hosts", "");
        t.put("acme_auto_off", "");
        t.put("acme_tls_alpn", "");
        t.put("platform_certificates", "");
        t.put("platform_certificate_status", "");
        t.put("usage_traffic", "");
        t.put("usage_instances", "");
        t.put("addons", "id");
        t.put("addon_attachments", "id");
        t.put("autoscale_settings", "");
        t.put("autoscale_decisions", "id");
        return Collections.unmodifiableMap(t);
    }

    /** Refuses a SQLite file with a table this version does not know, which would otherwise be left behind. */
    public void requireKnownTables(Path file) throws SQLException {
        for (String table : query(from, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
            if (!TABLES.containsKey(table) && !NOT_COPIED.contains(table)) {
                throw new StoreUnavailable("The SQLite store " + file + " has a table " + table + " that this version of"
                        + " Ferry cannot copy; use the Ferry that wrote it", null);
            }
        }
    }

    /** Keeps control nodes from writing to the target while it is filled. */
    public void lockTargetTables() throws SQLException {
        try (Statement s = to.createStatement()) {
            s.execute("LOCK TABLE " + String.join(", ", TABLES.keySet()) + " IN EXCLUSIVE MODE");
        }
    }

    /** The first table of the target that has a row, if any. */
    public Optional<String> firstNonEmptyTable() throws SQLException {
        for (String table : TABLES.keySet()) {
            if (!query(to, "SELECT 1 FROM " + table + " LIMIT 1").isEmpty()) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    /** Copies every row of {@code table}; returns how many. */
    public long copy(String table) throws SQLException {
        List<Integer> targetTypes = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (Statement s = to.createStatement(); ResultSet none = s.executeQuery("SELECT * FROM " + table + " WHERE false")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                targetTypes.add(meta.getColumnType(i));
            }
        }
        String names = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        long count = 0;
        try (Statement read = from.createStatement(); ResultSet rows = read.executeQuery("SELECT " + names + " FROM " + table);
             PreparedStatement write = to.prepareStatement(insert)) {
            while (rows.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(write, i + 1, targetTypes.get(i), rows);
                }
                write.addBatch();
                if (++count % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return count;
    }

    private static void bind(PreparedStatement write, int i, int type, ResultSet rows) throws SQLException {
        Object value = rows.getObject(i);
        if (value == null) {
            write.setNull(i, type);
            return;
        }
        switch (type) {
            case Types.BIT, Types.BOOLEAN -> write.setBoolean(i, rows.getLong(i) != 0);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> write.setLong(i, rows.getLong(i));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> write.setBytes(i, rows.getBytes(i));
            default -> write.setString(i, rows.getString(i));
        }
    }

    /** Moves each identity sequence past both the highest copied id and the highest SQLite ever gave. */
    public void moveSequencesPastCopiedIds() throws SQLException {
        for (Map.Entry<String, String> t : TABLES.entrySet()) {
            if (t.getValue().isEmpty()) {
                continue;
            }
            long given = Math.max(longValue(from, "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = '"
                    + t.getKey() + "'"), longValue(to, "SELECT COALESCE(MAX(" + t.getValue() + "), 0) FROM " + t.getKey()));
            if (given > 0) {
                try (Statement s = to.createStatement()) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + t.getKey() + "', '" + t.getValue() + "'), "
                            + given + ")");
                }
            }
        }
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
