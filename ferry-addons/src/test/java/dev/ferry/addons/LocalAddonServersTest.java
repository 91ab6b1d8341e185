package dev.ferry.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.addons.ProvisionedAddon;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --addons local}: loopback servers from the host's binaries, in the data dir, kept running. */
class LocalAddonServersTest {

    private Path dataDir;

    @AfterEach
    void delete() throws Exception {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void keepsPostgresOutOfAPrivateDataDirUnderRootOnly() {
        dataDir = Path.of("/tmp/ferry-never-made");
        Path dir = LocalAddonServers.defaultPostgresDirectory(Path.of("/root/.ferry"));

        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(dir.toString()).startsWith("/var/lib/ferry/addons/").endsWith("/postgres");
            assertThat(LocalAddonServers.defaultPostgresDirectory(Path.of("/srv/other"))).isNotEqualTo(dir);
        } else {
            assertThat(dir).isEqualTo(Path.of("/root/.ferry/addons/postgres"));
        }
    }

    @Test
    void runsLoopbackServersThatProvisionedAddonsWriteToAndRestartsAKilledOne() throws Exception {
        dataDir = Files.createTempDirectory("ferry-local-addons-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (LocalAddonServers servers = LocalAddonServers.start(dataDir, dataDir.resolve("addons/postgres"))) {
            AddonServerUrl pg = servers.postgres().orElseThrow();
            AddonServerUrl redis = servers.redis().orElseThrow();
            assertThat(pg.host()).isEqualTo("127.0.0.1");
            assertThat(Files.readString(dataDir.resolve("addons/postgres.password")).strip()).isEqualTo(pg.password().orElseThrow());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("addons/redis.password"))))
                    .isEqualTo("rw-------");

            ProvisionedAddon db = new PostgresAddonProvisioner(pg).provision("local-db");
            write(db.url(), "first");
            ProvisionedAddon cache = new RedisAddonProvisioner(redis).provision("local-cache");
            RedisClient client = RedisClient.create(cache.url());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().set("addon_local_cache:k", "v");
                assertThat(c.sync().get("addon_local_cache:k")).isEqualTo("v");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            // The add-on's ACL user survives a restart of the killed Redis.
            long redisPid = Long.parseLong(new String(new ProcessBuilder("pgrep", "-f", "redis-server 127.0.0.1:"
                    + redis.port()).start().getInputStream().readAllBytes()).lines().findFirst().orElseThrow().strip());
            new ProcessBuilder("kill", "-9", Long.toString(redisPid)).start().waitFor();
            long redisDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String seen = null;
            while (seen == null && System.nanoTime() < redisDeadline) {
                RedisClient again = RedisClient.create(cache.url());
                try (StatefulRedisConnection<String, String> c = again.connect()) {
                    seen = c.sync().get("addon_local_cache:k");
                } catch (RuntimeException e) {
                    Thread.sleep(200);
                } finally {
                    again.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                }
            }
            assertThat(seen).as("the add-on user and its key after a restart").isEqualTo("v");
            // The admin port is taken on loopback; nothing listens on other addresses of the host.
            assertThatThrownBy(() -> new ServerSocket(pg.port(), 1, java.net.InetAddress.getLoopbackAddress()).close())
                    .isInstanceOf(java.net.BindException.class);

            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("addons/postgres/data/postmaster.pid")).getFirst().strip());
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    write(db.url(), "after restart");
                    last = null;
                    break;
                } catch (Exception e) {
                    last = e;
                    Thread.sleep(200);
                }
            }
            assertThat(last).as("the killed postgres runs again").isNull();
        }
        // A cluster whose admin password file is gone (the data dir wiped, the cluster kept) is refused, not reused.
        Files.delete(dataDir.resolve("addons/postgres.password"));
        assertThatThrownBy(() -> LocalAddonServers.start(dataDir, dataDir.resolve("addons/postgres")).close())
                .hasMessageContaining("was made for an earlier state of this data dir");
    }

    private static void write(String url, String body) throws Exception {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort()
                + uri.getPath(), userInfo[0], userInfo[1]); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS notes (body text)");
            s.execute("INSERT INTO notes VALUES ('" + body + "')");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM notes")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }
}
