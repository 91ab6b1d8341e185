package dev.ferry.control.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.ControlConfig;
import dev.ferry.control.ControlServer;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.store.sql.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/health} proves a write: a store another process has locked is reported unavailable, then ok again. */
class StoreHealthTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reportsTheStoreUnavailableWhileItCannotBeWritten() throws Exception {
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir);
             ControlServer server = new ControlServer(ControlConfig.builder().port(0).healthProbeInterval(Duration.ZERO).build(),
                     JournaledRouteRegistry.inMemory(), store, t -> Optional.empty(), () -> "").start()) {
            assertThat(health(server).statusCode()).isEqualTo(200);

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.DATABASE_FILE));
                 Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                HttpResponse<String> locked = health(server);
                assertThat(locked.statusCode()).isEqualTo(503);
                JsonNode body = new ObjectMapper().readTree(locked.body());
                assertThat(body.get("status").asText()).isEqualTo("unavailable");
                assertThat(body.get("store").asText()).isEqualTo("unavailable");
                assertThat(body.get("reason").asText()).contains("locked").doesNotContain(dataDir.toString());
                lock.execute("ROLLBACK");
            }
            assertThat(health(server).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void probesAtMostOncePerInterval() throws Exception {
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir);
             ControlServer server = new ControlServer(ControlConfig.builder().port(0).healthProbeInterval(Duration.ofMinutes(5)).build(),
                     JournaledRouteRegistry.inMemory(), store, t -> Optional.empty(), () -> "").start()) {
            assertThat(health(server).statusCode()).isEqualTo(200);
            store.close();
            assertThat(health(server).statusCode()).as("the last probe is reused within the interval").isEqualTo(200);
        }
    }

    private HttpResponse<String> health(ControlServer server) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
