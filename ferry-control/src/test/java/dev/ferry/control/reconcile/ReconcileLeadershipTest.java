package dev.ferry.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.FakeRuntime;
import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppLimits;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.postgres.PostgresServerExtension;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.sql.ConfigKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two control nodes' reconcilers on one store, leading by the lease in a real PostgreSQL: only the leader runs
 * an app it was not given, and the other takes over when the leader stops or loses the database.
 */
class ReconcileLeadershipTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration TTL = Duration.ofMillis(900);

    @RegisterExtension
    static final PostgresServerExtension postgres = new PostgresServerExtension();

    private final RunningControlServer api = new RunningControlServer();
    private final FakeRuntime runtimeB = new FakeRuntime();
    private PostgresStore nodeA;
    private PostgresStore nodeB;
    private Reconciler a;
    private Reconciler b;

    @BeforeEach
    void twoNodes() throws Exception {
        PostgresLocation database = postgres.server().location(postgres.server().newDatabase());
        byte[] key = new byte[ConfigKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String shared = Base64.getEncoder().encodeToString(key);
        nodeA = PostgresStore.open(database, ConfigKey.base64(shared, "K"), Clock.systemUTC(), AppLimits.DEFAULT, "a");
        nodeB = PostgresStore.open(database, ConfigKey.base64(shared, "K"), Clock.systemUTC(), AppLimits.DEFAULT, "b");
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        a = new Reconciler(api.store, api.store, api.runtime, TICK,
                ReconcileLeadership.shared(nodeA.leases(), "a", TTL), nodeA.appLocks());
        b = new Reconciler(api.store, api.store, runtimeB, TICK,
                ReconcileLeadership.shared(nodeB.leases(), "b", TTL), nodeB.appLocks());
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        nodeA.close();
        nodeB.close();
        api.close();
    }

    private void pushThroughA() {
        assertThat(a.release(HELLO, () -> api.store.createDeployRelease(HELLO, "slug-1", "abcdef0123",
                Map.of("web", "./server"), api.admin.id()), line -> { }).release().status())
                .isEqualTo(ReleaseStatus.SUCCEEDED);
    }

    @Test
    void onlyTheLeaderRunsAnAppItWasNotGivenAndAnotherTakesOverWhenItStops() throws Exception {
        a.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(this::aLeads);
        b.start().get(10, TimeUnit.SECONDS);
        pushThroughA();

        Thread.sleep(TTL.toMillis() * 2);
        assertThat(runtimeB.calls).as("b follows a, which leads").isEmpty();

        a.close(); // a clean stop gives the lease up
        await().atMost(TTL.multipliedBy(2)).until(() -> runtimeB.calls.contains("deploy hello v1"));
        assertThat(runtimeB.actual(HELLO).release()).isEqualTo(1);
    }

    @Test
    void aLeaderThatLosesTheDatabaseStopsLeadingAndTheOtherLeadsOnceTheLeaseLapsed() throws Exception {
        a.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(this::aLeads);
        b.start().get(10, TimeUnit.SECONDS);
        pushThroughA();

        long cut = System.nanoTime();
        nodeA.close(); // a's renewals fail from now on, as when its node is cut off or killed
        await().atMost(TTL.multipliedBy(3)).until(() -> runtimeB.calls.contains("deploy hello v1"));
        assertThat(Duration.ofNanos(System.nanoTime() - cut)).as("taken over after the lease lapsed")
                .isGreaterThanOrEqualTo(TTL.minus(TICK.multipliedBy(4)));
        assertThat(a.leads()).isFalse();
        assertThat(b.leads()).isTrue();
    }

    @Test
    void theLeaderStopsAnAppDestroyedThroughAnotherNode() throws Exception {
        a.start().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(this::aLeads);
        b.start().get(10, TimeUnit.SECONDS);
        pushThroughA();
        assertThat(api.runtime.instances(HELLO)).isNotEmpty();

        api.store.destroyApp(HELLO, api.admin.id()); // through b's API: b's runtime never ran it
        b.destroyed(HELLO);

        await().atMost(Duration.ofSeconds(5)).until(() -> api.runtime.calls.contains("destroy hello"));
        assertThat(api.runtime.instances(HELLO)).isEmpty();
    }

    private boolean aLeads() {
        return a.leads();
    }
}
