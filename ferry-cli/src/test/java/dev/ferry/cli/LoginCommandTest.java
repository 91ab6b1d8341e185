package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.api.Credentials;
import dev.ferry.cli.api.CredentialsFile;
import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {

    @TempDir
    Path home;

    private final RunningControlServer api = new RunningControlServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void savesAValidTokenSoLaterCommandsNeedNoEnvironment() throws Exception {
        CliRun cli = new CliRun(home).env("FERRY_DATA_DIR", home.resolve("no-platform").toString());
        CommandRunner.Result login = cli.run("login", "--url", api.baseUrl(), "--token", RunningControlServer.TOKEN);
        assertThat(login.exit()).as(login.err()).isZero();
        Path file = home.resolve(".config/ferry/credentials");
        assertThat(login.out()).isEqualTo("Logged in to " + api.baseUrl() + "; credentials saved in " + file + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CredentialsFile.read(file)).hasValue(new Credentials(api.baseUrl(), RunningControlServer.TOKEN));

        CommandRunner.Result routes = cli.run("routes", "--json");
        assertThat(routes.exit()).as(routes.err()).isZero();
        assertThat(routes.out()).isEqualTo("[]\n");
    }

    @Test
    void refusesAnInvalidTokenAndSavesNothing() {
        CliRun cli = new CliRun(home);
        CommandRunner.Result login = cli.run("login", "--url", api.baseUrl(), "--token", "ferry_wrong");
        assertThat(login.exit()).isEqualTo(1);
        assertThat(login.err()).isEqualTo("ferry: the API refused the token (401): set FERRY_API_TOKEN or run ferry login\n");
        assertThat(home.resolve(".config/ferry/credentials")).doesNotExist();
    }
}
