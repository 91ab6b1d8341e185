package dev.ferry.server.kubernetes;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The controller's liveness and readiness answer for Kubernetes' probes: {@code GET /healthz} is 200 with one line,
 * {@code leading} or {@code waiting} (a waiting replica is healthy: it is ready to take over). Anything else is 404.
 * The JDK's own HTTP server on one thread: the probes are its only clients.
 */
final class ControllerHealth implements AutoCloseable {

    private final HttpServer server;

    private ControllerHealth(HttpServer server) {
        this.server = server;
    }

    static ControllerHealth start(String bindAddress, int port, Supplier<String> state) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean health = exchange.getRequestURI().getPath().equals("/healthz")
                        && exchange.getRequestMethod().equals("GET");
                byte[] body = ((health ? state.get() : "not found") + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(health ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new ControllerHealth(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
