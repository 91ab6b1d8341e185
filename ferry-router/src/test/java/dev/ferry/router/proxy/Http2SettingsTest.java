package dev.ferry.router.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.router.Router;
import dev.ferry.router.RouterConfig;
import dev.ferry.router.Transport;
import dev.ferry.router.h2.Http2Config;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the router announces to an h2c client, read frame by frame from a plain socket. */
class Http2SettingsTest {

    private final EventLoopGroup group = new Transport(false).newGroup(1, "test-router");
    private Router router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void start(Http2Config h2) {
        router = new Router(RouterConfig.builder().httpPort(0).shutdownGracePeriod(Duration.ofMillis(100)).http2(h2)
                .build(), new FixedRoutes(), new Transport(false), group, new SimpleMeterRegistry(), e -> { });
        router.start();
    }

    @Test
    void announcesTheConfiguredStreamsWindowAndHeaderListLimits() throws Exception {
        start(Http2Config.defaults().withMaxConcurrentStreams(7));
        try (Socket s = new Socket("127.0.0.1", router.httpPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());

            Frame settings = Frame.read(in);
            Frame window = Frame.read(in);

            assertThat(settings.type).isEqualTo(4);
            Map<Integer, Long> values = settings.settings();
            assertThat(values).containsEntry(3, 7L).containsEntry(4, 65_535L).containsEntry(6, 65_536L);
            assertThat(window.type).isEqualTo(8);
            assertThat(window.stream).isZero();
            assertThat(window.int32(0)).isEqualTo((1 << 20) - 65_535);
        }
    }

    @Test
    void withoutCleartextH2ThePrefaceIsRefusedAsHttp11() throws Exception {
        start(Http2Config.defaults().withCleartext(false));
        try (Socket s = new Socket("127.0.0.1", router.httpPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 4");
        }
    }

    @Test
    void rapidResetsCloseTheConnectionWithEnhanceYourCalm() throws Exception {
        start(new Http2Config(128, 65_535, 1 << 20, 65_536, 50, Duration.ofSeconds(30), true));
        // HPACK: :method GET, :scheme http, :path /, :authority localhost (literal, indexed name)
        byte[] block = {(byte) 0x82, (byte) 0x86, (byte) 0x84, 0x41, 9, 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't'};
        try (Socket s = new Socket("127.0.0.1", router.httpPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            for (int stream = 1; stream < 2 * 100; stream += 2) { // 100 resets: over the 50 set, under the default 200
                out.write(frame(1, 0x4, stream, block));                    // HEADERS, END_HEADERS
                out.write(frame(3, 0, stream, new byte[] {0, 0, 0, 8}));    // RST_STREAM CANCEL
            }
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            Frame goAway = null;
            for (int i = 0; i < 1000 && goAway == null; i++) {
                Frame f = Frame.read(in);
                goAway = f.type == 7 ? f : null;
            }

            assertThat(goAway).isNotNull();
            assertThat(goAway.int32(4)).isEqualTo(0xb); // ENHANCE_YOUR_CALM
        }
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    private record Frame(int type, int stream, byte[] payload) {
        static Frame read(DataInputStream in) throws IOException {
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = in.readNBytes(length);
            return new Frame(type, stream, payload);
        }

        Map<Integer, Long> settings() {
            Map<Integer, Long> values = new HashMap<>();
            for (int i = 0; i + 6 <= payload.length; i += 6) {
                values.put(((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff), int32(i + 2) & 0xffffffffL);
            }
            return values;
        }

        int int32(int at) {
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }
    }
}
