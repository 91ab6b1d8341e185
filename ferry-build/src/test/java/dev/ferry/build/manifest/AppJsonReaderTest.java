package dev.ferry.build.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.manifest.AppHealthCheck;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.manifest.InvalidAppManifest;
import dev.ferry.core.manifest.ProcessFormation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppJsonReaderTest {

    @TempDir
    Path dir;

    private final AppJsonReader reader = new AppJsonReader();

    private Map<String, List<AppHealthCheck>> healthChecks() throws Exception {
        return reader.read(dir).healthChecks();
    }

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

        List<AppHealthCheck> web = healthChecks().get("web");

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
        assertThat(healthChecks()).isEmpty();
        Files.writeString(dir.resolve("app.json"), "{\"name\": \"x\", \"scripts\": {}}");
        assertThat(healthChecks()).isEmpty();
    }

    @Test
    void refusesMalformedChecksWithAClearMessage() throws Exception {
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"type\": \"sometimes\"}]}}");
        assertThatThrownBy(() -> healthChecks()).hasMessageContaining("type must be startup");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"path\": \"health\"}]}}");
        assertThatThrownBy(() -> healthChecks()).hasMessageContaining("must start with /");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"attempts\": 1.5}]}}");
        assertThatThrownBy(() -> healthChecks()).hasMessageContaining("whole number");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": ");
        assertThatThrownBy(() -> healthChecks()).hasMessageContaining("not valid JSON");
        Files.writeString(dir.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"command\": [\"true\"]}]}}");
        assertThatThrownBy(() -> healthChecks()).hasMessageContaining("command checks are not supported");
    }

    @Test
    void acceptsCommentsAndTrailingCommasAsDokkuDoes() throws Exception {
        Files.writeString(dir.resolve("app.json"), """
                {
                  // the python test app of Dokku has comments like these
                  "name": "commented", /* a block comment */
                  "buildpacks": [{"url": "heroku/python",},],
                  "formation": {"web": {"quantity": 2,},},
                }
                """);

        AppManifest manifest = reader.read(dir);

        assertThat(manifest.buildpacks()).extracting(AppManifest.BuildpackRef::url).containsExactly("heroku/python");
        assertThat(manifest.buildpacks().getFirst().line()).isEqualTo(4);
        assertThat(manifest.formation()).containsEntry("web", new ProcessFormation(2, Optional.empty()));
    }

    @Test
    void readsFormationAndDokkuDeployScripts() throws Exception {
        Files.writeString(dir.resolve("app.json"), """
                {"formation": {"web": {"quantity": 0}, "worker": {"quantity": 1, "size": "standard-1x"},
                               "clock": {}},
                 "scripts": {"dokku": {"predeploy": "python migrate.py", "postdeploy": "echo done"},
                             "postdeploy": "heroku review apps only"}}
                """);

        AppManifest manifest = reader.read(dir);

        assertThat(manifest.formation()).containsExactly(
                Map.entry("clock", new ProcessFormation(1, Optional.empty())),
                Map.entry("web", new ProcessFormation(0, Optional.empty())),
                Map.entry("worker", new ProcessFormation(1, Optional.of("standard-1x"))));
        assertThat(manifest.predeploy()).contains("python migrate.py");
        assertThat(manifest.postdeploy()).contains("echo done");
    }

    @Test
    void hasNoManifestWithoutTheFile() throws Exception {
        assertThat(reader.read(dir)).isEqualTo(AppManifest.NONE);
    }

    @Test
    void refusesMalformedFormationAndScripts() throws Exception {
        Files.writeString(dir.resolve("app.json"), "{\"formation\": {\"web\": {\"quantity\": 101}}}");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidAppManifest.class)
                .hasMessage("app.json formation.web: quantity must be 0 to 100, got 101");
        Files.writeString(dir.resolve("app.json"), "{\"formation\": {\"Web!\": {}}}");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageStartingWith("app.json formation.Web!: 'Web!' is not a process type");
        Files.writeString(dir.resolve("app.json"), "{\"formation\": [{\"process\": \"web\"}]}");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageStartingWith("app.json formation must be an object");
        Files.writeString(dir.resolve("app.json"), "{\"scripts\": {\"dokku\": {\"predeploy\": [\"make\"]}}}");
        assertThatThrownBy(() -> reader.read(dir)).hasMessage("app.json scripts.dokku.predeploy must be a command line");
    }

    @Test
    void namesTheLineAndColumnOfMalformedJson() throws Exception {
        Files.writeString(dir.resolve("app.json"), "{\n  \"name\": \"x\",\n  \"buildpacks\": [ {\"url\": } ]\n}\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidAppManifest.class)
                .hasMessageStartingWith("app.json line 3 column");
    }

    @Test
    void refusesABuildpacksEntryWithoutAUrl() throws Exception {
        Files.writeString(dir.resolve("app.json"), "{\"buildpacks\": [\"nodejs\"]}");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidAppManifest.class)
                .hasMessage("app.json line 1: buildpacks[0] needs a \"url\" naming a buildpack");
    }

    @Test
    void refusesASymbolicLink() throws Exception {
        Files.writeString(dir.resolve("secret"), "{}");
        Files.createSymbolicLink(dir.resolve("app.json"), dir.resolve("secret"));
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidAppManifest.class)
                .hasMessageContaining("symbolic link");
    }
}
