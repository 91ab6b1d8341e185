package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.route.Route;
import dev.ferry.core.route.RoutePolicy;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingTest {

    private static final long GIB = 1L << 30;
    private static final long MEMORY_BOUND = 256L << 20;

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void streamsAOneGibUploadWithBoundedMemory() throws Exception {
        TestBackend sink = fx.track(TestBackend.start(fx.group, "sink", p -> p.addLast(new TestBackend.UploadSink())));
        fx.routes.set(new Route("up.localhost", List.of(sink.endpoint()), RoutePolicy.DEFAULT));

        CRC32 sent = new CRC32();
        try (RawHttp c = RawHttp.connect(fx.port()); MemoryWatch watch = new MemoryWatch()) {
            c.send(RawHttp.request("POST", "up.localhost", "/upload", "Content-Length: " + GIB));
            for (long block = 0; block < GIB / Pattern.BLOCK; block++) {
                byte[] bytes = Pattern.block(block);
                sent.update(bytes);
                c.out().write(bytes);
            }
            c.out().flush();
            RawHttp.Response r = c.read();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo(GIB + " " + sent.getValue());
            assertThat(watch.peak()).isLessThan(MEMORY_BOUND);
        }
    }

    @Test
    void streamsAOneGibDownloadWithBoundedMemory() throws Exception {
        TestBackend source = fx.track(TestBackend.start(fx.group, "source", p -> p.addLast(new TestBackend.Download(GIB))));
        fx.routes.set(new Route("down.localhost", List.of(source.endpoint()), RoutePolicy.DEFAULT));
        CRC32 expected = new CRC32();
        for (long block = 0; block < GIB / Pattern.BLOCK; block++) {
            expected.update(Pattern.block(block));
        }

        CRC32 received = new CRC32();
        long count = 0;
        try (RawHttp c = RawHttp.connect(fx.port()); MemoryWatch watch = new MemoryWatch()) {
            c.send(RawHttp.request("GET", "down.localhost", "/download"));
            RawHttp.Response head = c.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Long.toString(GIB));
            byte[] buf = new byte[65536];
            while (count < GIB) {
                int n = c.in().read(buf, 0, (int) Math.min(buf.length, GIB - count));
                if (n < 0) {
                    break;
                }
                received.update(buf, 0, n);
                count += n;
            }
            assertThat(watch.peak()).isLessThan(MEMORY_BOUND);
        }
        assertThat(count).isEqualTo(GIB);
        assertThat(received.getValue()).isEqualTo(expected.getValue());
    }

    @Test
    void deliversAServerSentEventBeforeTheResponseEnds() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        TestBackend sse = fx.track(TestBackend.start(fx.group, "sse", p -> p.addLast(new TestBackend.Sse(end))));
        fx.routes.set(new Route("events.localhost", List.of(sse.endpoint()), RoutePolicy.DEFAULT));

        try (RawHttp c = RawHttp.connect(fx.port())) {
            c.send(RawHttp.request("GET", "events.localhost", "/events", "Accept: text/event-stream"));
            RawHttp.Response head = c.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).isEqualTo("text/event-stream");
            assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");

            assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("data: first\n\n");
            end.countDown();
            assertThat(new String(c.readChunk(), StandardCharsets.UTF_8)).isEqualTo("data: last\n\n");
            assertThat(c.readChunk()).isNull();
        }
    }

    /** Samples the peak memory held by Netty's default allocator. */
    private static final class MemoryWatch implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();

        MemoryWatch() {
            ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(
                    metric.usedDirectMemory() + metric.usedHeapMemory(), Math::max), 0, 10, TimeUnit.MILLISECONDS);
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
