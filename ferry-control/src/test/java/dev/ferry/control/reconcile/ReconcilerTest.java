package dev.ferry.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconcile loop: drift is brought back with no one acting, and an app's changes run one at a time. */
class ReconcilerTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final AppName OTHER = AppName.of("other");
    private static final Duration TICK = Duration.ofMillis(100);

    private final RunningControlServer api = new RunningControlServer();
    private Reconciler reconciler;

    @BeforeEach
    void createApps() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"other\"}").statusCode()).isEqualTo(201);
        reconciler = new Reconciler(api.store, api.store, api.runtime, TICK);
    }

    @AfterEach
    void stop() {
        reconciler.close();
        api.close();
    }

    private Deployed push(AppName app, String slug, Consumer<String> progress) {
        return reconciler.release(app, () -> api.store.createDeployRelease(app, slug, "abcdef0123",
                Map.of("web", "./server"), api.admin.id()), progress);
    }

    @Test
    void bringsBackARuntimeThatLostItsInstancesWithNoOneActing() throws Exception {
        push(HELLO, "slug-1", line -> { });
        reconciler.start().get(10, TimeUnit.SECONDS);
        api.runtime.calls.clear();

        api.runtime.forgetAll(); // the instances are gone, as after a crash the runtime could not recover from

        await().atMost(Duration.ofSeconds(10)).until(() -> api.runtime.calls.contains("deploy hello v1"));
        assertThat(api.runtime.actual(HELLO).release()).isEqualTo(1);
        assertThat(api.runtime.instances(HELLO)).extracting(i -> i.name()).containsExactly("web.1");
    }

    @Test
    void leavesARuntimeThatRunsTheDesiredStateAlone() throws Exception {
        push(HELLO, "slug-1", line -> { });
        reconciler.start().get(10, TimeUnit.SECONDS);
        api.runtime.calls.clear();

        Thread.sleep(TICK.toMillis() * 6);

        assertThat(api.runtime.calls).isEmpty();
    }

    @Test
    void retriesAStartThatFailedUntilItRuns() throws Exception {
        push(HELLO, "slug-1", line -> { });
        api.runtime.forgetAll();
        api.runtime.failNextDeploy("web.1 did not become healthy within 60 s");
        api.runtime.calls.clear();

        reconciler.start().get(10, TimeUnit.SECONDS);
        assertThat(api.runtime.calls).containsExactly("deploy hello v1");
        assertThat(api.runtime.actual(HELLO).release()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> api.runtime.actual(HELLO).release() == 1);
        assertThat(api.store.release(HELLO, 1).orElseThrow().status()).isEqualTo(ReleaseStatus.SUCCEEDED);
    }

    @Test
    void runsOneAppsChangesOneAtATimeWhileOtherAppsGoOn() throws Exception {
        CountDownLatch rolling = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        CompletableFuture<Deployed> first = CompletableFuture.supplyAsync(() -> push(HELLO, "slug-1", line -> {
            rolling.countDown();
            awaitQuietly(letGo);
        }));
        assertThat(rolling.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean secondMade = new AtomicBoolean();
        CompletableFuture<Deployed> second = CompletableFuture.supplyAsync(() -> reconciler.release(HELLO, () -> {
            secondMade.set(true);
            return api.store.createDeployRelease(HELLO, "slug-2", "0123456789", Map.of("web", "./server"),
                    api.admin.id());
        }, line -> { }));
        CompletableFuture<Integer> restart = CompletableFuture.supplyAsync(
                () -> reconciler.runtime().orElseThrow().restart(HELLO, Optional.empty()));

        assertThat(push(OTHER, "slug-o", line -> { }).succeeded()).as("another app deploys meanwhile").isTrue();
        Thread.sleep(300);
        assertThat(secondMade).as("the next release of hello is made only after the rollout before it").isFalse();
        assertThat(restart).isNotDone();

        letGo.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        restart.get(10, TimeUnit.SECONDS);
        assertThat(api.runtime.calls).contains("deploy other v1");
        assertThat(api.runtime.calls.stream().filter(c -> c.contains("hello")).toList())
                .containsExactly("deploy hello v1", "deploy hello v2", "restart hello *");
        assertThat(api.store.currentRelease(HELLO).map(Release::version)).contains(2);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
