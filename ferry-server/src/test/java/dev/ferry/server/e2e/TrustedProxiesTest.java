package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry up --trusted-proxies} reaches the router: a load balancer's {@code X-Forwarded-For} is kept and the
 * app sees the real client; without the setting the same header from the same address is the client's own lie.
 */
class TrustedProxiesTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsTheForwardedForOfATrustedLoadBalancerOnly() throws Exception {
        assertThat(forwardedForSeenByTheApp(FerryConfig.ephemeral(dataDir.resolve("trusting"))
                .toBuilder().trustedProxies(List.of("127.0.0.0/8")).build()))
                .isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(forwardedForSeenByTheApp(FerryConfig.ephemeral(dataDir.resolve("default"))))
                .isEqualTo("127.0.0.1");
    }

    private static String forwardedForSeenByTheApp(FerryConfig config) throws Exception {
        try (Backend app = Backend.start("app"); Platform platform = Platform.start(config)) {
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            assertThat(api.post("/api/routes", "{\"domain\":\"lb.local\",\"targetUrl\":\"" + app.url() + "\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(get(platform.httpPort(), "lb.local", Map.of("X-Forwarded-For", "203.0.113.9")))
                    .startsWith("HTTP/1.1 200");
            return app.lastHeaders().get("X-Forwarded-For");
        }
    }

    private static String get(int port, String host, Map<String, String> headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
