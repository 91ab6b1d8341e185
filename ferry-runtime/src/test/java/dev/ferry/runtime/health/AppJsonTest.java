package dev.ferry.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppJsonTest {

    @TempDir
    Path dir;

    @Test
    void readsDokkuHealthchecksWithDefaults() throws Exception {
        Files.writeString(dir.resolve("app.json"), """
                {"name": "x", "healthchecks": {"web": [
                  {"type": "startup", "path": "/health", "content": "ok", "attempts": 5, "timeout": 2,
                   "wait": 3, "initialDelay": 1, "uptime": 0},
                  {"type": "liveness", "port": 5000},
                  {"type": "readiness", "uptime": 4}
                ]}}
                """);

        List<AppHealthCheck> web = AppJson.healthChecks(dir).get("web");

        assertThat(web).hasSize(3);
        AppHealthCheck startup = web.get(0);
        assertThat(startup.type()).isEqualTo(AppHealthCheck.Type.STARTUP);
        assertThat(startup.path()).contains("/health");
        assertThat(startup.content()).contains("ok");
        assertThat(startup.attempts()).isEqualTo(5);
        assertThat(startup.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(startup.waitBetween()).isEqualTo(Duration.ofSeconds(3));
        assertThat(startup.initialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(web.get(1).port()).isEqualTo(Optional.of(5000));
        assertThat(web.get(1).attempts()).isEqualTo(3);
        assertThat(web.get(1).describe()).isEqualTo("port 5000 listening");
        assertThat(web.get(2).uptime()).isEqualTo(Duration.ofSeconds(4));
        assertThat(web.get(2).gatesStart()).isTrue();
    }

    @Test
    void treatsMissingFileOrSectionAsNoChecks() throws Exception {
        assertThat(AppJson.healthChecks(dir)).isEmpty();
        Files.writeString(dir.resolve("app.json"), "{\"name\": \"x\", \"scripts\": {}}");
        assertThat(AppJson.healthChecks(dir)).isEmpty();
    }

    @Test
    void refusesMalformedChecksWithAClearMessage() throws Exception {
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"type\": \"sometimes\"}]}}");
        assertThatThrownBy(() -> AppJson.healthChecks(dir)).hasMessageContaining("type must be startup");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"path\": \"health\"}]}}");
        assertThatThrownBy(() -> AppJson.healthChecks(dir)).hasMessageContaining("must start with /");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"attempts\": 1.5}]}}");
        assertThatThrownBy(() -> AppJson.healthChecks(dir)).hasMessageContaining("whole number");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": ");
        assertThatThrownBy(() -> AppJson.healthChecks(dir)).hasMessageContaining("not valid JSON");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"command\": [\"true\"]}]}}");
        assertThatThrownBy(() -> AppJson.healthChecks(dir)).hasMessageContaining("command checks are not supported");
    }
}
