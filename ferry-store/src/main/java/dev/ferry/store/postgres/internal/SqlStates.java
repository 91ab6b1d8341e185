package dev.ferry.store.postgres.internal;

import java.sql.SQLException;
import java.util.Set;

/** What PostgreSQL's SQLSTATE codes of a failed statement mean to the store. */
final class SqlStates {

    /** Lost a race with another transaction; running it again sees the other's result. */
    private static final Set<String> CONFLICTS = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "23505"); // unique_violation: a concurrent insert of the same key committed first
    /** The server ended the connection: shutting down, restarting, or not accepting connections yet. */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    private SqlStates() {
    }

    static boolean isConflict(SQLException e) {
        return e.getSQLState() != null && CONFLICTS.contains(e.getSQLState());
    }

    /** Class 08 (connection exception) or the server going away. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || SERVER_GONE.contains(state);
    }
}
