package dev.ferry.server.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.store.route.RedisRegistryConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BannerOfAControlNodeTest {

    @TempDir
    Path dir;

    @Test
    void namesTheFleetsRoutersInsteadOfARouterOfItsOwn() throws Exception {
        // The registry is not contacted by the banner; a control node with no Redis behind it still starts.
        FerryConfig config = FerryConfig.ephemeral(dir).toBuilder()
                .registry(Optional.of(RedisRegistryConfig.of("redis://127.0.0.1:1"))).build();
        try (Platform control = Platform.startControl(config, PlatformTuning.DEFAULT)) {
            StringWriter text = new StringWriter();
            Banner.print(new PrintWriter(text, true), control, dir.resolve("access.log"), Optional.empty());

            assertThat(text.toString())
                    .contains("  apps        served by the fleet's routers: ferry router --registry redis://127.0.0.1:1")
                    .contains("curl http://hello.localhost:<router port>/")
                    .doesNotContain("router off").doesNotContain(":0/");
        }
    }
}
