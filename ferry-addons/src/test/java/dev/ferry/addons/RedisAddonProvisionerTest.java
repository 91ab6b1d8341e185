package dev.ferry.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.ProvisionedAddon;
import dev.ferry.store.route.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real redis-server: an add-on's ACL user reaches its own keys only, and destroying removes user and keys. */
class RedisAddonProvisionerTest {

    @TempDir
    static Path dir;
    private static RedisServerProcess server;
    private static RedisAddonProvisioner provisioner;

    @BeforeAll
    static void start() throws Exception {
        server = RedisServerProcess.start(dir, false);
        provisioner = new RedisAddonProvisioner(AddonServerUrl.parse(server.uri(), null));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void letsAnAddonWriteAndReadUnderItsPrefixOnly() {
        ProvisionedAddon mine = provisioner.provision("mine-cache");
        ProvisionedAddon theirs = provisioner.provision("theirs-cache");
        as(theirs, redis -> redis.set("addon_theirs_cache:secret", "x"));

        as(mine, redis -> {
            redis.set("addon_mine_cache:greeting", "hello");
            assertThat(redis.get("addon_mine_cache:greeting")).isEqualTo("hello");
            assertThatThrownBy(() -> redis.get("addon_theirs_cache:secret")).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> redis.set("unprefixed", "x")).hasMessageContaining("NOPERM");
            assertThatThrownBy(redis::flushall).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> redis.keys("*")).hasMessageContaining("NOPERM");
        });
    }

    @Test
    void destroyingRemovesTheUserAndItsKeys() {
        ProvisionedAddon addon = provisioner.provision("gone-cache");
        as(addon, redis -> redis.set("addon_gone_cache:k", "v"));

        provisioner.deprovision(addon.resource());

        assertThatThrownBy(() -> as(addon, RedisCommands::ping)).isInstanceOf(RedisException.class);
        assertThat(server.commands().exists("addon_gone_cache:k")).isZero();
    }

    private static void as(ProvisionedAddon addon, Consumer<RedisCommands<String, String>> work) {
        RedisClient client = RedisClient.create(addon.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            work.accept(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
