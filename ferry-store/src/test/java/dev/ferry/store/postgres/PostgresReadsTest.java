package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.store.postgres.internal.PostgresDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How {@link PostgresDatabase} runs reads, seen from the server's own statement log: a one-statement read is sent
 * alone (no {@code BEGIN}, no {@code COMMIT}), a read of several statements still sees one snapshot, and a read
 * that writes is still refused.
 */
class PostgresReadsTest {

    private static final String READ_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    @RegisterExtension
    static final PostgresServerExtension POSTGRES = new PostgresServerExtension();

    private PostgresLocation location;
    private PostgresDatabase db;

    @BeforeEach
    void newDatabase() throws Exception {
        String name = POSTGRES.server().newDatabase();
        location = POSTGRES.server().location(name);
        sql("ALTER DATABASE " + name + " SET log_statement = 'all'", "CREATE TABLE probe (id INT PRIMARY KEY)",
                "INSERT INTO probe VALUES (1)");
        db = new PostgresDatabase(location, 2);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void sendsAOneStatementReadAloneWithoutATransaction() throws Exception {
        int beginsBefore = logged(READ_BEGIN);
        int commitsBefore = logged(": COMMIT");
        for (int i = 0; i < 20; i++) {
            long count = db.read(tx -> tx.longValue("SELECT count(*) FROM probe WHERE id > ?", -1, 0));
            assertThat(count).isEqualTo(1);
        }
        assertThat(logged("SELECT count(*) FROM probe WHERE id > ")).isEqualTo(20);
        assertThat(logged(READ_BEGIN)).isEqualTo(beginsBefore);
        assertThat(logged(": COMMIT")).isEqualTo(commitsBefore);
    }

    @Test
    void runsAReadOfSeveralStatementsInOneSnapshotEvenWhenAWriterCommitsBetweenThem() throws Exception {
        for (int round = 0; round < 3; round++) {
            int beginsBefore = logged(READ_BEGIN);
            List<Long> counts = db.read(tx -> {
                long first = tx.longValue("SELECT count(*) FROM probe", -1);
                sql("INSERT INTO probe SELECT max(id) + 1 FROM probe"); // another node's write, committed meanwhile
                long second = tx.longValue("SELECT count(*) FROM probe", -1);
                return List.of(first, second);
            });
            assertThat(counts.get(1)).as("round %d", round).isEqualTo(counts.get(0));
            assertThat(logged(READ_BEGIN) - beginsBefore).as("round %d", round).isEqualTo(1);
        }
        assertThat(logged("SELECT count(*) FROM probe\n")).as("tried alone once, then in a transaction")
                .isEqualTo(1 + 3 * 2);
    }

    @Test
    void stillRefusesAReadThatWritesAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> db.read(tx -> tx.update("INSERT INTO probe VALUES (42)")))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("read-only transaction");
        long count = db.read(tx -> tx.longValue("SELECT count(*) FROM probe WHERE id = 42", -1));
        assertThat(count).isZero();
    }

    /** How many times the server logged a statement containing {@code text} in this test's database. */
    private int logged(String text) throws IOException {
        Matcher m = Pattern.compile(Pattern.quote(text)).matcher(POSTGRES.server().fullLog());
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = location.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
