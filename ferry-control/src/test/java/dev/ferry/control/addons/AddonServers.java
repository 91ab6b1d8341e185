package dev.ferry.control.addons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.addons.PostgresAddonProvisioner;
import dev.ferry.addons.RedisAddonProvisioner;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.addons.AddonBackups;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.route.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The add-ons API tests' servers: a real PostgreSQL and a real Redis for the test class (started before its first
 * test, stopped after its last; register as a static {@code @RegisterExtension} field), and a control API whose
 * add-ons routes provision on them.
 */
final class AddonServers implements BeforeAllCallback, AfterAllCallback {

    /** A running control API with the add-ons routes, and the add-ons' life cycle behind them. */
    record AddonsApiServer(RunningControlServer api, AddonLifecycle lifecycle) {
    }

    private Path redisDir;
    private PostgresServerProcess postgres;
    private RedisServerProcess redis;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redisDir = Files.createTempDirectory("ferry-addons-redis");
        postgres = PostgresServerProcess.start();
        redis = RedisServerProcess.start(redisDir, false);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
        redis.close();
        try (Stream<Path> files = Files.walk(redisDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory fails no test
        }
    }

    PostgresServerProcess postgres() {
        return postgres;
    }

    /**
     * Starts a control API whose add-ons routes provision PostgreSQL and Redis add-ons on these servers (with
     * {@code backups}, if any, for PostgreSQL) and deploy without a runtime, and creates {@code apps} on it.
     */
    AddonsApiServer start(Optional<AddonBackups> backups, String... apps) {
        AddonLifecycle[] lifecycle = new AddonLifecycle[1];
        RunningControlServer api = new RunningControlServer(store -> {
            lifecycle[0] = new AddonLifecycle(store.addons(), store, Deployments.withoutRuntime(store), List.of(
                    new PostgresAddonProvisioner(AddonServerUrl.parse(postgres.url(""), PostgresServerProcess.PASSWORD)),
                    new RedisAddonProvisioner(AddonServerUrl.parse(redis.uri(), null))), backups);
            return List.of(new AddonsApi(store, store, store.addons(), lifecycle[0]));
        });
        for (String app : apps) {
            assertThat(api.call("POST", "/api/apps", "{\"name\":\"" + app + "\"}").statusCode()).isEqualTo(201);
        }
        return new AddonsApiServer(api, lifecycle[0]);
    }
}
