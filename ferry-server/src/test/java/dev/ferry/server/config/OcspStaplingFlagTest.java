package dev.ferry.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --ocsp-stapling on|off} of {@code ferry up} and {@code ferry router}, and {@code FERRY_OCSP_STAPLING}. */
class OcspStaplingFlagTest {

    private static final Path HOME = Path.of("/home/dev");

    private static FerryConfig resolve(Map<String, String> env, Map<String, String> flags) {
        return new FerryConfigResolver(env, HOME).resolve(flags);
    }

    @Test
    void staplesByDefault() {
        assertThat(resolve(Map.of(), Map.of()).ocspStapling()).isTrue();
    }

    @Test
    void theFlagWinsOverTheVariable() {
        assertThat(resolve(Map.of(), Map.of("--ocsp-stapling", "off")).ocspStapling()).isFalse();
        assertThat(resolve(Map.of("FERRY_OCSP_STAPLING", "off"), Map.of()).ocspStapling()).isFalse();
        assertThat(resolve(Map.of("FERRY_OCSP_STAPLING", "off"), Map.of("--ocsp-stapling", "on")).ocspStapling())
                .isTrue();
        assertThat(resolve(Map.of(), Map.of("--ocsp-stapling", "OFF")).ocspStapling()).isFalse();
    }

    @Test
    void refusesAValueOtherThanOnOrOffNamingWhereItCameFrom() {
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("--ocsp-stapling", "maybe")))
                .hasMessage("--ocsp-stapling='maybe' is not on or off");
        assertThatThrownBy(() -> resolve(Map.of("FERRY_OCSP_STAPLING", "yes please"), Map.of()))
                .hasMessage("FERRY_OCSP_STAPLING='yes please' is not on or off");
    }

    @Test
    void isAFlagOfUpAndRouterInTheirHelp(@org.junit.jupiter.api.io.TempDir Path home) {
        for (String role : new String[] {"up", "router"}) {
            dev.ferry.testing.CommandRunner.Result help = dev.ferry.server.FerryCommandLine.run(home, role, "--help");
            assertThat(help.out()).as(role).contains("--ocsp-stapling=on|off").contains("FERRY_OCSP_STAPLING");
        }
    }
}
