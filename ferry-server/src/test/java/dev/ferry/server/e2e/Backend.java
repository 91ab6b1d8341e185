package dev.ferry.server.e2e;

import com.sun.net.httpserver.HttpExchange;
import dev.ferry.testing.HttpOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin for end-to-end tests: answers every request with its own name and records the
 * headers of the last request it saw.
 */
final class Backend implements AutoCloseable {

    private final String name;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Map<String, String> lastHeaders = Map.of();
    private final HttpOrigin origin;

    private Backend(String name, int port) throws IOException {
        this.name = name;
        this.origin = HttpOrigin.start(port, this::handle);
    }

    static Backend start(String name) throws IOException {
        return start(name, 0);
    }

    static Backend start(String name, int port) throws IOException {
        return new Backend(name, port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        lastHeaders = headers;
        exchange.getRequestBody().readAllBytes();
        byte[] body = ("backend " + name + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    int port() {
        return origin.port();
    }

    String url() {
        return origin.url();
    }

    int requests() {
        return requests.get();
    }

    Map<String, String> lastHeaders() {
        return lastHeaders;
    }

    @Override
    public void close() {
        origin.close();
    }

}
