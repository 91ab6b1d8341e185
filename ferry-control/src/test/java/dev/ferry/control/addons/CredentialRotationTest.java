package dev.ferry.control.addons;

import static dev.ferry.control.RunningControlServer.assertError;
import static dev.ferry.control.RunningControlServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.addons.AddonServerUrl;
import dev.ferry.addons.PostgresAddonProvisioner;
import dev.ferry.control.RunningControlServer;
import dev.ferry.control.reconcile.Deployed;
import dev.ferry.control.reconcile.Deployments;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.store.postgres.PostgresServerExtension;
import dev.ferry.store.postgres.PostgresServerProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a rotation keeps the old credentials: a deploy that fails (instances still use them), and a second rotation
 * while one runs, which is refused. The platform's deployments are wrapped to fail or to hold a rollout.
 */
class CredentialRotationTest {

    @RegisterExtension
    static final PostgresServerExtension postgres = new PostgresServerExtension();

    private RunningControlServer api;
    private volatile boolean failDeploys;
    private volatile CountDownLatch rolling = new CountDownLatch(1);
    private volatile CountDownLatch hold = new CountDownLatch(0);

    @AfterEach
    void stop() {
        hold.countDown();
        api.close();
    }

    private void start() {
        api = new RunningControlServer(store -> List.of(new AddonsApi(store, store, store.addons(),
                new AddonLifecycle(store.addons(), store, deployments(Deployments.withoutRuntime(store)), List.of(
                        new PostgresAddonProvisioner(AddonServerUrl.parse(postgres.server().url(""), PostgresServerProcess.PASSWORD)))))));
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void keepsTheOldCredentialsValidWhenTheDeployFails() throws Exception {
        start();
        api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"failing-db\"}");
        String old = url();
        failDeploys = true;

        HttpResponse<String> rotated = api.call("POST", "/api/addons/failing-db/credentials/rotate", null);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(json(rotated).has("revoked")).isFalse();
        assertThat(json(rotated).get("releases").get(0).asText()).contains("Deploy failed: no room");
        connect(old).close();
        connect(url()).close();
    }

    @Test
    void refusesASecondRotationWhileOneRuns() throws Exception {
        start();
        api.call("POST", "/api/apps/hello/addons", "{\"service\":\"postgres\",\"name\":\"busy-db\"}");
        rolling = new CountDownLatch(1);
        hold = new CountDownLatch(1);

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                api.call("POST", "/api/addons/busy-db/credentials/rotate", null));
        assertThat(rolling.await(10, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> second = api.call("POST", "/api/addons/busy-db/credentials/rotate", null);
        hold.countDown();

        assertError(second, 409, "addon_conflict");
        assertThat(json(second).get("error").asText()).contains("being rotated already");
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(json(first.get()).get("revoked").asText()).isEqualTo("addon_busy_db");
    }

    /** The real deployments, made to fail each deploy or to hold one until {@link #hold} opens. */
    private Deployments deployments(Deployments real) {
        return new Deployments() {
            @Override
            public Deployed release(AppName app, Supplier<Release> create, Consumer<String> progress) {
                Deployed deployed = real.release(app, create, progress);
                rolling.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return failDeploys ? new Deployed(deployed.release(), DeployResult.failure("no room"), Optional.empty())
                        : deployed;
            }

            @Override
            public void scaled(Formation formation) {
                real.scaled(formation);
            }

            @Override
            public void destroyed(AppName app) {
                real.destroyed(app);
            }

            @Override
            public void renamed(AppName from, AppName to) {
                real.renamed(from, to);
            }
        };
    }

    private String url() {
        return api.store.config(AppName.of("hello")).asMap().get("DATABASE_URL");
    }

    private static java.sql.Connection connect(String url) throws SQLException {
        URI uri = URI.create(url);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
                userInfo[0], userInfo[1]);
    }
}
