package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseDeadlineTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final AtomicInteger expired = new AtomicInteger();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private ResponseDeadline deadline(Duration timeout, CountDownLatch expiry) {
        return new ResponseDeadline((task, delay, unit) -> {
            scheduled.incrementAndGet();
            return loop.schedule(task, delay, unit);
        }, System::nanoTime, timeout, () -> {
            expired.incrementAndGet();
            expiry.countDown();
        });
    }

    private void onLoop(Runnable r) throws Exception {
        loop.submit(r).get(5, TimeUnit.SECONDS);
    }

    @Test
    void schedulesOneCheckForManyRequestsOnAConnection() throws Exception {
        ResponseDeadline d = deadline(Duration.ofSeconds(30), new CountDownLatch(1));

        onLoop(() -> {
            for (int i = 0; i < 1000; i++) {
                d.arm();
                d.disarm();
            }
        });

        assertThat(scheduled.get()).isEqualTo(1);
        assertThat(expired.get()).isZero();
        onLoop(d::close);
    }

    @Test
    void expiresOnceTheTimeoutPassesWhileArmed() throws Exception {
        CountDownLatch expiry = new CountDownLatch(1);
        ResponseDeadline d = deadline(Duration.ofMillis(100), expiry);
        long start = System.nanoTime();

        onLoop(d::arm);

        assertThat(expiry.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        onLoop(() -> assertThat(d.isArmed()).isFalse());
        assertThat(expired.get()).isEqualTo(1);
    }

    @Test
    void reschedulesItselfForADeadlineArmedAfterItsCheckWasScheduled() throws Exception {
        CountDownLatch expiry = new CountDownLatch(1);
        ResponseDeadline d = deadline(Duration.ofMillis(300), expiry);
        onLoop(() -> {
            d.arm();
            d.disarm();
        });
        Thread.sleep(150);
        long rearmed = System.nanoTime();

        onLoop(d::arm);

        assertThat(expiry.await(5, TimeUnit.SECONDS)).isTrue();
        // the first check ran at 300 ms, found 150 ms left and scheduled itself again
        assertThat(System.nanoTime() - rearmed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(scheduled.get()).isEqualTo(2);
    }

    @Test
    void neverExpiresOnceDisarmedOrClosed() throws Exception {
        CountDownLatch expiry = new CountDownLatch(1);
        ResponseDeadline disarmed = deadline(Duration.ofMillis(50), expiry);
        ResponseDeadline closed = deadline(Duration.ofMillis(50), expiry);

        onLoop(() -> {
            disarmed.arm();
            disarmed.disarm();
            closed.arm();
            closed.close();
        });

        assertThat(expiry.await(300, TimeUnit.MILLISECONDS)).isFalse();
    }
}
