package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes and the admin token survive a restart of the platform. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void servesRoutesAgainAfterARestart() throws Exception {
        try (Backend backend = Backend.start("kept")) {
            String token;
            try (Platform first = Platform.start(FerryConfig.ephemeral(dataDir))) {
                token = first.adminToken().token();
                Api api = new Api(first.apiPort(), first.httpPort(), token);
                assertThat(api.post("/api/routes", "{\"domain\":\"kept.local\",\"targetUrl\":\"" + backend.url() + "\"}")
                        .statusCode()).isEqualTo(201);
                assertThat(api.post("/api/routes", "{\"domain\":\"dropped.local\",\"targetUrl\":\"" + backend.url() + "\"}")
                        .statusCode()).isEqualTo(201);
                assertThat(api.delete("/api/routes/dropped.local").statusCode()).isEqualTo(204);
            }
            try (Platform second = Platform.start(FerryConfig.ephemeral(dataDir))) {
                assertThat(second.adminToken().token()).isEqualTo(token);
                assertThat(second.adminToken().wasCreated()).isFalse();
                Api api = new Api(second.apiPort(), second.httpPort(), token);
                assertThat(api.viaRouter("kept.local", "/").body()).isEqualTo("backend kept\n");
                assertThat(api.viaRouter("dropped.local", "/").statusCode()).isEqualTo(404);
                assertThat(api.get("/api/routes").body()).contains("kept.local").doesNotContain("dropped.local");
            }
        }
    }
}
