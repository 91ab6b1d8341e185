package dev.ferry.core.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppLanesTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final AppName OTHER = AppName.of("other");

    private final AppLanes lanes = new AppLanes("test-lane-");

    @AfterEach
    void close() {
        lanes.close();
    }

    @Test
    void runsTheTasksOfOneAppOneAtATimeInTheirOrder() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> all = new java.util.ArrayList<>();
        for (int k = 0; k < 20; k++) {
            int n = k;
            all.add(lanes.submit(HELLO, () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sleep(2);
                order.add(n);
                inside.decrementAndGet();
                return n;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(most.get()).isEqualTo(1);
        assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(lanes.busy(HELLO)).isFalse();
    }

    @Test
    void runsOtherAppsWhileOneAppsTaskWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> stuck = lanes.submit(HELLO, () -> {
            await(release);
            return "hello";
        });
        CompletableFuture<String> behind = lanes.submit(HELLO, () -> "behind");

        assertThat(lanes.submit(OTHER, () -> "other").get(5, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(lanes.busy(HELLO)).isTrue();
        assertThat(behind).isNotDone();
        release.countDown();
        assertThat(behind.get(5, TimeUnit.SECONDS)).isEqualTo("behind");
        assertThat(stuck.get()).isEqualTo("hello");
    }

    @Test
    void runsATaskGivenFromItsOwnLaneAtOnceAndGoesOnAfterAFailure() {
        assertThat(lanes.call(HELLO, () -> lanes.call(HELLO, () -> "inner") + "+outer")).isEqualTo("inner+outer");

        assertThatThrownBy(() -> lanes.call(HELLO, () -> {
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class).hasMessage("broken");
        assertThat(lanes.call(HELLO, () -> "next")).isEqualTo("next");
    }

    @Test
    void passesTheCallersInterruptOnToItsTaskAndStillAnswersIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            String outcome = lanes.call(HELLO, () -> {
                running.countDown();
                try {
                    Thread.sleep(10_000);
                    return "slept";
                } catch (InterruptedException e) {
                    return "interrupted";
                }
            });
            answer.complete(outcome + (Thread.currentThread().isInterrupted() ? ", caller interrupted" : ""));
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();

        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("interrupted, caller interrupted");
    }

    @Test
    void refusesNewWorkOnceClosed() {
        lanes.close();

        assertThatThrownBy(() -> lanes.call(HELLO, () -> "late")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Ferry is stopping");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
