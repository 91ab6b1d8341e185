package dev.ferry.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.RawHttp;
import dev.ferry.testing.WebSocketEchoServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What passes through a tunnel: WebSockets and large bodies both ways, in bounded memory. */
class TunnelStreamsTest {

    private static final String PREVIEW = "hello--dev.localhost";
    private static final long HUNDRED_MIB = 100L << 20;

    private TunnelFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new TunnelFixture();
        f.startGateway(0, "gw1");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void carriesWebSocketsThroughTheTunnel() throws Exception {
        try (WebSocketEchoServer ws = new WebSocketEchoServer()) {
            f.agent("hello", TunnelFixture.ALICE, ws.port(), false, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.registry.table().route(PREVIEW) != null
                    && !f.registry.table().route(PREVIEW).endpoints().isEmpty());
            try (Socket s = new Socket("127.0.0.1", f.httpPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET /ws HTTP/1.1\r\nHost: " + PREVIEW + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 101");
                for (int i = 0; i < 3; i++) {
                    writeMaskedText(out, "ping " + i);
                    assertThat(readText(in)).isEqualTo("echo ping " + i);
                }
            }
        }
    }

    @Test
    void servesAThousandConcurrentStreamsOnOneTunnelTwiceOver() throws Exception {
        try (LocalApp device = new LocalApp("device")) {
            f.agent("hello", TunnelFixture.ALICE, device.port(), false, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.getStreamed(f.httpPort(), PREVIEW, "/").status() == 200);
            int listener = f.registry.table().route(PREVIEW).endpoints().get(0).port();
            // Twice: the first thousand connections all close at once, which must not cost the tunnel itself.
            for (int round = 0; round < 2; round++) {
                java.util.List<Socket> sockets = new java.util.ArrayList<>();
                try {
                    for (int i = 0; i < 1000; i++) {
                        Socket s = new Socket("127.0.0.1", listener);
                        s.setSoTimeout(30_000);
                        sockets.add(s);
                        s.getOutputStream().write(("GET /n" + i + " HTTP/1.1\r\nHost: " + PREVIEW + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    for (int i = 0; i < sockets.size(); i++) {
                        RawHttp.Response r = RawHttp.over(sockets.get(i)).readStreamed();
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.text()).isEqualTo("device GET /n" + i);
                    }
                } finally {
                    for (Socket s : sockets) {
                        s.close();
                    }
                }
            }
            assertThat(f.gateways.get(0).tunnelCount()).isEqualTo(1);
        }
    }

    @Test
    void carriesHundredMebibyteBodiesBothWaysInBoundedMemory() throws Exception {
        try (LocalApp device = new LocalApp("device")) {
            f.agent("hello", TunnelFixture.ALICE, device.port(), false, null);
            await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.getStreamed(f.httpPort(), PREVIEW, "/").status() == 200);
            ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
            AtomicLong maxDirect = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (sampling.get()) {
                    maxDirect.accumulateAndGet(metric.usedDirectMemory() + metric.usedHeapMemory(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            RawHttp.Response up = Pattern.send(f.httpPort(), PREVIEW, "POST", "/upload", HUNDRED_MIB);
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.text()).isEqualTo("bytes=" + HUNDRED_MIB + " sha=" + Pattern.digestOf(HUNDRED_MIB));
            RawHttp.Response down = RawHttp.getStreamed(f.httpPort(), PREVIEW, "/download?bytes=" + HUNDRED_MIB);
            assertThat(down.status()).isEqualTo(200);
            assertThat(down.bodyBytes()).isEqualTo(HUNDRED_MIB);
            assertThat(down.bodySha256()).isEqualTo(Pattern.digestOf(HUNDRED_MIB));
            sampling.set(false);
            sampler.join(1000);
            // Router, gateway and agent share this JVM: a body buffered whole anywhere would pass 100 MiB.
            assertThat(maxDirect.get()).isPositive().isLessThan(48L << 20);
            System.out.println("largest buffer memory in use during 2 x 100 MiB: " + (maxDirect.get() >> 10) + " KiB");
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static void writeMaskedText(OutputStream out, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        out.write(0x80 | payload.length);
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    private static String readText(InputStream in) throws Exception {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        assertThat(first & 0x0f).isEqualTo(1);
        int len = data.readUnsignedByte() & 0x7f;
        byte[] payload = new byte[len];
        data.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
