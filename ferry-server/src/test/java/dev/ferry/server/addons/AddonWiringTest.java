package dev.ferry.server.addons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.server.config.AddonSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddonWiringTest {

    @TempDir
    Path dataDir;

    @Test
    void letsInstancesReachAddonServersOnLoopbackOnly() throws Exception {
        AddonSettings given = new AddonSettings(false,
                Optional.of(AddonServerUrl.parse("postgres://admin@127.0.0.1:6543/", "pw")),
                Optional.of(AddonServerUrl.parse("redis://cache.internal:6380", null)));

        try (AddonWiring wiring = AddonWiring.start(given, dataDir)) {
            assertThat(wiring.loopbackPorts()).containsExactly(6543);
            assertThat(wiring.withLoopbackPorts(java.util.List.of(8080))).containsExactly(8080, 6543);
            assertThat(wiring.describe()).isEqualTo("postgres on 127.0.0.1:6543, redis on cache.internal:6380");
        }
    }

    @Test
    void saysHowToConfigureAddonsWhenNoneIs() throws Exception {
        try (AddonWiring wiring = AddonWiring.start(AddonSettings.NONE, dataDir)) {
            assertThat(wiring.loopbackPorts()).isEmpty();
            assertThat(wiring.describe()).startsWith("none (--addons local");
        }
    }
}
