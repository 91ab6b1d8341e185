package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TCP route registered over the API relays raw bytes from its listener port to its endpoint. */
class TcpRouteTest {

    @TempDir
    Path dataDir;

    @Test
    void relaysRawBytesThroughATcpRouteAddedOverTheApi() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                Platform platform = Platform.start(FerryConfig.ephemeral(dataDir))) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception ignored) {
                    // the test ends the connection
                }
            });
            int listenPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                listenPort = probe.getLocalPort();
            }
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            assertThat(api.post("/api/tcp-routes", "{\"port\":" + listenPort + ",\"targetUrl\":\"tcp://127.0.0.1:" + echo.getLocalPort() + "\"}")
                    .statusCode()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress("127.0.0.1", listenPort), 2000);
                    client.setSoTimeout(5000);
                    OutputStream out = client.getOutputStream();
                    InputStream in = client.getInputStream();
                    out.write("ping over tcp".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    assertThat(new String(in.readNBytes(13), StandardCharsets.UTF_8)).isEqualTo("ping over tcp");
                }
            });
        }
    }
}
