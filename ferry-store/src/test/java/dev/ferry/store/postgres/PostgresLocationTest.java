package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresLocationTest {

    @Test
    void readsEveryPartOfTheUrl() {
        PostgresLocation l = PostgresLocation.parse("postgres://ferry:s%40cret@db.internal:6543/control", Map.of());

        assertThat(l).isEqualTo(new PostgresLocation("db.internal", 6543, "control", "ferry", Optional.of("s@cret")));
        assertThat(l.toString()).isEqualTo("postgres://ferry@db.internal:6543/control").doesNotContain("cret");
    }

    @Test
    void takesThePortOfPostgresWhenNoneIsGiven() {
        assertThat(PostgresLocation.parse("postgresql://ferry@localhost/ferry", Map.of()).port()).isEqualTo(5432);
    }

    @Test
    void takesThePasswordFromTheEnvironmentWhenTheUrlHasNone() {
        String url = "postgres://ferry@127.0.0.1:5432/ferry";
        assertThat(PostgresLocation.parse(url, Map.of("PGPASSWORD", "libpq")).password()).contains("libpq");
        assertThat(PostgresLocation.parse(url, Map.of("PGPASSWORD", "libpq", "FERRY_STORE_PASSWORD", "ours"))
                .password()).contains("ours");
        assertThat(PostgresLocation.parse("postgres://ferry:inline@h/ferry", Map.of("FERRY_STORE_PASSWORD", "ours"))
                .password()).contains("inline");
        assertThat(PostgresLocation.parse(url, Map.of()).password()).isEmpty();
    }

    @Test
    void refusesUrlsItCannotUse() {
        assertThatThrownBy(() -> PostgresLocation.parse("mysql://ferry@h/ferry", Map.of()))
                .hasMessageContaining("is not a PostgreSQL URL");
        assertThatThrownBy(() -> PostgresLocation.parse("postgres://h:5432/ferry", Map.of()))
                .hasMessageContaining("needs a user and a host");
        assertThatThrownBy(() -> PostgresLocation.parse("postgres://ferry@h:5432", Map.of()))
                .hasMessageContaining("needs one database name");
        assertThatThrownBy(() -> PostgresLocation.parse("postgres://ferry@h:5432/ferry?sslmode=off", Map.of()))
                .hasMessageContaining("has a query");
    }
}
