package dev.ferry.server.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesInOneLineToStartWithAStoreWhoseKeyIsMissing() throws Exception {
        try (Platform first = Platform.start(FerryConfig.ephemeral(dataDir))) {
            assertThat(first.store().users()).hasSize(1);
        }
        Files.delete(dataDir.resolve("secret.key"));

        CommandLine up = new CommandLine(new UpCommand());
        StringWriter err = new StringWriter();
        up.setErr(new PrintWriter(err, true));
        up.setOut(new PrintWriter(new StringWriter(), true));
        int exit = up.execute("--data-dir", dataDir.toString(), "--http-port", "0", "--api-port", "0",
                "--https-port", "0", "--ssh-port", "0", "--tunnel-port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("ferry: ").contains("secret key file").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }
}
