package dev.ferry.server.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.api.Credentials;
import dev.ferry.cli.api.CredentialsFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsTest {

    @TempDir
    Path home;

    private CliEnvironment env() {
        return new CliEnvironment(Map.of(), home, false);
    }

    @Test
    void pointsTheCliAtTheNewPlatformAndReplacesAnEarlierLocalOne() {
        assertThat(LocalCredentials.write(env(), "127.0.0.1", 17070, "first")).isPresent();
        assertThat(LocalCredentials.write(env(), "127.0.0.1", 27070, "second")).isPresent();
        Credentials saved = CredentialsFile.read(CredentialsFile.location(env())).orElseThrow();
        assertThat(saved.url()).isEqualTo("http://localhost:27070");
        assertThat(saved.token()).isEqualTo("second");
    }

    @Test
    void leavesALoginToARemoteFerryAlone() {
        Path file = CredentialsFile.location(env());
        CredentialsFile.write(file, new Credentials("https://ferry.example.com", "remote-token"));
        assertThat(LocalCredentials.write(env(), "127.0.0.1", 7070, "local")).isEmpty();
        assertThat(CredentialsFile.read(file).orElseThrow().token()).isEqualTo("remote-token");
    }
}
