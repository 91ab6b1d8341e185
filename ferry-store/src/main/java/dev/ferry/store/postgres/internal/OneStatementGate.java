package dev.ferry.store.postgres.internal;

import dev.ferry.store.sql.internal.Tx;
import java.sql.SQLException;

/**
 * Lets one read statement of a {@link Tx} through and stops any other before it is sent: a second statement (it
 * would see another snapshot than the first), a write or raw connection use (they need the read-only transaction
 * a read runs in). {@link PostgresDatabase} then runs the work again inside a transaction. One per attempt.
 */
final class OneStatementGate implements Tx.StatementGate {

    /** The work needs a transaction; thrown before the statement that shows it, so nothing more was sent. */
    static final class NeedsTransaction extends SQLException {
        NeedsTransaction() {
            super("this read needs a transaction");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a signal between two methods of this package, not an error anyone reads
        }
    }

    private boolean used;

    @Override
    public void check(boolean writes) throws SQLException {
        if (writes || used) {
            throw new NeedsTransaction();
        }
        used = true;
    }
}
