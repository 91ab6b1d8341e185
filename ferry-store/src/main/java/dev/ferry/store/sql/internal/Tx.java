package dev.ferry.store.sql.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open transaction of a {@link Database}: runs portable SQL with positional arguments. A
 * {@link SqlNull} argument binds a typed NULL (PostgreSQL needs the type). Only used by the thread that
 * holds the transaction.
 */
public final class Tx {

    /** A NULL argument of a JDBC type from {@link Types}. */
    public record SqlNull(int sqlType) {
        public static final SqlNull BIGINT = new SqlNull(Types.BIGINT);
        public static final SqlNull VARCHAR = new SqlNull(Types.VARCHAR);
    }

    /** Reads one row; the cursor is on it. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * Asked before each statement runs, so that a {@link Database} can stop work that needs more than it began
     * (the PostgreSQL store runs a read outside a transaction while it is one statement, see its database).
     */
    @FunctionalInterface
    public interface StatementGate {
        /** Lets every statement through: the transaction was begun for all of them. */
        StatementGate OPEN = writes -> { };

        /** Throws to stop the statement; {@code writes} for INSERT, UPDATE, DELETE and raw connection use. */
        void check(boolean writes) throws SQLException;
    }

    private final Connection connection;
    private final StatementGate gate;

    /** A transaction on {@code connection}, which its {@link Database} has begun and will end. */
    public Tx(Connection connection) {
        this(connection, StatementGate.OPEN);
    }

    /** As {@link #Tx(Connection)}, asking {@code gate} before each statement. */
    public Tx(Connection connection, StatementGate gate) {
        this.connection = connection;
        this.gate = gate;
    }

    /** The connection the transaction runs on, for what SQL text cannot do (PostgreSQL's large objects). */
    public Connection connection() throws SQLException {
        gate.check(true);
        return connection;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... args) throws SQLException {
        gate.check(true);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    /** Runs an INSERT into a table with a generated key and returns the key. */
    public long insert(String sql, Object... args) throws SQLException {
        gate.check(true);
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(statement, args);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated key for: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    /** All rows of a query. */
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        gate.check(false);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        gate.check(false);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        }
    }

    /** The long in the first column of the first row, or {@code orElse} when there is no row or it is NULL. */
    public long longValue(String sql, long orElse, Object... args) throws SQLException {
        gate.check(false);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return orElse;
                }
                long value = rows.getLong(1);
                return rows.wasNull() ? orElse : value;
            }
        }
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            switch (arg) {
                case SqlNull n -> statement.setNull(i + 1, n.sqlType());
                case String s -> statement.setString(i + 1, s);
                case Long l -> statement.setLong(i + 1, l);
                case Integer n -> statement.setInt(i + 1, n);
                case Boolean b -> statement.setBoolean(i + 1, b);
                case byte[] bytes -> statement.setBytes(i + 1, bytes);
                case null -> throw new IllegalArgumentException("argument " + (i + 1) + " is null; use SqlNull");
                default -> throw new IllegalArgumentException("cannot bind a " + arg.getClass().getName());
            }
        }
    }
}
