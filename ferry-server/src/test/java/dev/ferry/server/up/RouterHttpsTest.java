package dev.ferry.server.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.StoreSettings;
import dev.ferry.store.sql.ConfigKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether {@code ferry router} serves HTTPS: only with the fleet's key, saying so once when it does not. */
class RouterHttpsTest {

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    @Test
    void withoutAKeyHttpsIsOffWithOneLineSayingHowToTurnItOn() {
        FerryConfig config = FerryConfig.ephemeral(dir).toBuilder().httpsPort(8443).build();
        FerryConfig decided = RouterHttps.decide(config, false, new PrintWriter(printed));
        assertThat(decided.httpsPort()).isEqualTo(FerryConfig.OFF);
        assertThat(printed.toString()).hasLineCount(1).startsWith("ferry router: HTTPS is off: no secret key")
                .contains("--secret-key-file PATH or env FERRY_SECRET_KEY");
    }

    @Test
    void anHttpsPortAskedForWithoutAKeyIsRefused() {
        FerryConfig config = FerryConfig.ephemeral(dir).toBuilder().httpsPort(8443).build();
        assertThatThrownBy(() -> RouterHttps.decide(config, true, new PrintWriter(printed)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--https-port needs the fleet's secret key");
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void withAKeyHttpsStaysOnAndAPortOfZeroNeedsNone() throws Exception {
        Path key = Files.writeString(dir.resolve("fleet.key"), Base64.getEncoder().encodeToString(new byte[32]));
        FerryConfig config = FerryConfig.ephemeral(dir).toBuilder().httpsPort(8443)
                .store(new StoreSettings(Optional.empty(), Optional.of(ConfigKey.file(key)))).build();
        assertThat(RouterHttps.decide(config, true, new PrintWriter(printed)).httpsPort()).isEqualTo(8443);
        FerryConfig off = FerryConfig.ephemeral(dir).toBuilder().httpsPort(FerryConfig.OFF).build();
        assertThat(RouterHttps.decide(off, true, new PrintWriter(printed)).httpsPort()).isEqualTo(FerryConfig.OFF);
        assertThat(printed.toString()).isEmpty();
    }
}
