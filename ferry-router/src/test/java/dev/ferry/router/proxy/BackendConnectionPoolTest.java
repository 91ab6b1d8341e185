package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendConnectionPoolTest {

    private final Transport transport = new Transport(false);
    private final EventLoopGroup group = transport.newGroup(1, "pool-test");
    private final EventLoop loop = group.next();
    private final TestBackend backend = TestBackend.text(group, "a", "ok");
    private final BackendConnectionPool pool = new BackendConnectionPool(transport,
            ProxyInitializer.backendInitializer(RouterConfig.defaults()), Duration.ofSeconds(2), 8, Duration.ofSeconds(1));

    @AfterEach
    void close() {
        pool.close();
        backend.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private BackendLease acquire(boolean allowReuse) throws Exception {
        return loop.submit(() -> pool.acquire(backend.endpoint(), loop, allowReuse)).get().get(5, TimeUnit.SECONDS);
    }

    private void release(Channel ch) throws Exception {
        loop.submit(() -> pool.release(ch)).get();
    }

    @Test
    void closesWhatWaitedTheIdleTimeAndKeepsWhatWasReusedSince() throws Exception {
        Channel older = acquire(false).channel();
        Channel newer = acquire(false).channel();
        release(older);
        release(newer);
        assertThat(pool.idleCount()).isEqualTo(2);

        Thread.sleep(300);
        BackendLease reused = acquire(true);
        assertThat(reused.reused()).isTrue();
        assertThat(reused.channel()).isSameAs(newer);
        release(newer); // waits from now on

        await().atMost(5, TimeUnit.SECONDS).until(() -> !older.isActive());
        assertThat(newer.isActive()).as("reused 300 ms after the older one went idle").isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> !newer.isActive());
        assertThat(pool.idleCount()).isZero();
        assertThat(backend.connections.get()).isEqualTo(2);
    }
}
