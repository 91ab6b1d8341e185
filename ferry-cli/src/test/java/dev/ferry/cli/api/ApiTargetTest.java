package dev.ferry.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.CliEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTargetTest {

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();

    private CliEnvironment environment() {
        return new CliEnvironment(env, home, false);
    }

    @Test
    void defaultsToLocalhost7070WithNoToken() {
        ApiTarget t = ApiTarget.resolve(environment());
        assertThat(t.url()).isEqualTo("http://localhost:7070");
        assertThat(t.token()).isEmpty();
    }

    @Test
    void environmentWinsOverEverything() throws Exception {
        CredentialsFile.write(CredentialsFile.location(environment()), new Credentials("http://ferry.example:7070", "ferry_saved"));
        env.put("FERRY_API_URL", "http://10.0.0.5:7070/");
        env.put("FERRY_API_TOKEN", "ferry_env");
        ApiTarget t = ApiTarget.resolve(environment());
        assertThat(t.url()).isEqualTo("http://10.0.0.5:7070");
        assertThat(t.token()).hasValue("ferry_env");
    }

    @Test
    void usesSavedCredentialsForTheirOwnUrlOnly() {
        CredentialsFile.write(CredentialsFile.location(environment()), new Credentials("http://ferry.example:7070", "ferry_saved"));
        ApiTarget saved = ApiTarget.resolve(environment());
        assertThat(saved.url()).isEqualTo("http://ferry.example:7070");
        assertThat(saved.token()).hasValue("ferry_saved");

        env.put("FERRY_API_URL", "http://other.example:7070");
        assertThat(ApiTarget.resolve(environment()).token()).isEmpty();
    }

    @Test
    void fallsBackToTheLocalAdminTokenForALoopbackApi() throws Exception {
        Path dataDir = home.resolve("data");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("admin-token"), "ferry_admin\n");
        env.put("FERRY_DATA_DIR", dataDir.toString());
        assertThat(ApiTarget.resolve(environment()).token()).hasValue("ferry_admin");
        env.put("FERRY_API_URL", "http://127.0.0.1:7171");
        assertThat(ApiTarget.resolve(environment()).token()).hasValue("ferry_admin");
        env.put("FERRY_API_URL", "http://ferry.example:7070");
        assertThat(ApiTarget.resolve(environment()).token()).isEmpty();
    }

    @Test
    void findsTheAdminTokenInHomeDotFerryByDefault() throws Exception {
        Files.createDirectories(home.resolve(".ferry"));
        Files.writeString(home.resolve(".ferry/admin-token"), "ferry_home\n");
        assertThat(ApiTarget.resolve(environment()).token()).hasValue("ferry_home");
    }

    @Test
    void keepsCredentialsUnderXdgConfigHomeWithOwnerOnlyMode() throws Exception {
        assertThat(CredentialsFile.location(environment())).isEqualTo(home.resolve(".config/ferry/credentials"));
        env.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        Path file = CredentialsFile.location(environment());
        assertThat(file).isEqualTo(home.resolve("xdg/ferry/credentials"));

        CredentialsFile.write(file, new Credentials("http://localhost:7070/", "ferry_abc"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CredentialsFile.read(file)).hasValue(new Credentials("http://localhost:7070", "ferry_abc"));
        CredentialsFile.write(file, new Credentials("http://localhost:7070", "ferry_def"));
        assertThat(CredentialsFile.read(file).orElseThrow().token()).isEqualTo("ferry_def");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesAnApiUrlThatIsNotHttp() {
        env.put("FERRY_API_URL", "localhost:7070");
        assertThatThrownBy(() -> ApiTarget.resolve(environment())).hasMessageContaining("http://host:port");
    }
}
