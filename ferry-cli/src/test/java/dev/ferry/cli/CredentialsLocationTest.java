package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI keeps its credentials where the shell's environment says, {@code $XDG_CONFIG_HOME/ferry} or
 * {@code $HOME/.config/ferry}, not under Java's {@code user.home}: run as a real process with its own environment.
 */
class CredentialsLocationTest {

    @TempDir
    Path dir;

    @Test
    void takesTheHomeDirectoryFromHomeAndFallsBackToJavasOnlyWithoutOne() {
        assertThat(CliEnvironment.home(Map.of("HOME", "/srv/ferry"), "/root")).isEqualTo(Path.of("/srv/ferry"));
        assertThat(CliEnvironment.home(Map.of(), "/root")).isEqualTo(Path.of("/root"));
        assertThat(CliEnvironment.home(Map.of("HOME", "relative"), "/root")).isEqualTo(Path.of("/root"));
    }

    @Test
    void writesTheLoginUnderHomeAndUnderXdgConfigHomeOfTheProcess() throws Exception {
        try (RunningControlServer api = new RunningControlServer()) {
            Path home = Files.createDirectories(dir.resolve("home"));
            assertThat(login(api, Map.of("HOME", home.toString()))).isZero();
            assertThat(home.resolve(".config/ferry/credentials")).exists();

            Path xdg = Files.createDirectories(dir.resolve("xdg"));
            assertThat(login(api, Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString()))).isZero();
            assertThat(xdg.resolve("ferry/credentials")).exists();
        }
    }

    private int login(RunningControlServer api, Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FerryCli.class.getName(), "login", "--url", api.baseUrl(), "--token", api.adminToken))
                .redirectErrorStream(true);
        pb.environment().remove("XDG_CONFIG_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(output).as(output).contains("Logged in to");
        return p.exitValue();
    }
}
