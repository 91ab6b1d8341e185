package dev.ferry.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RevalidatedSessionsTest {

    private static final SessionGrant GRANT = new SessionGrant(new UserId(2), AppName.of("hello"), "tunnel", "127.0.0.1");

    @Test
    void closesASessionWithinAnIntervalOfItsRecheckAnsweringNo() throws Exception {
        try (RevalidatedSessions sessions = new RevalidatedSessions(Duration.ofMillis(50), OpenSessions.Listener.NONE)) {
            AtomicBoolean allowed = new AtomicBoolean(true);
            CountDownLatch closed = new CountDownLatch(1);
            sessions.open(GRANT, allowed::get, reason -> closed.countDown());
            assertThat(closed.await(300, TimeUnit.MILLISECONDS)).isFalse();

            allowed.set(false);
            long start = System.nanoTime();
            assertThat(closed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(sessions.count()).isZero();
        }
    }

    @Test
    void keepsASessionWhoseRecheckCannotAnswerAndStopsCheckingOneThatEnded() throws Exception {
        try (RevalidatedSessions sessions = new RevalidatedSessions(Duration.ofMillis(20), OpenSessions.Listener.NONE)) {
            AtomicInteger failedChecks = new AtomicInteger();
            CountDownLatch closed = new CountDownLatch(1);
            sessions.open(GRANT, () -> {
                failedChecks.incrementAndGet();
                throw new IllegalStateException("the control API cannot be reached");
            }, reason -> closed.countDown());
            AtomicInteger endedChecks = new AtomicInteger();
            sessions.open(GRANT, () -> endedChecks.incrementAndGet() < 0, reason -> { }).close();

            Thread.sleep(300);
            assertThat(failedChecks.get()).isGreaterThan(3);
            assertThat(closed.getCount()).isEqualTo(1);
            assertThat(endedChecks.get()).isLessThanOrEqualTo(1);
            assertThat(sessions.count()).isEqualTo(1);
        }
    }
}
