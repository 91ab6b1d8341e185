package dev.ferry.server.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin for end-to-end tests: answers every request with its own name and records the
 * headers of the last request it saw.
 */
final class Backend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Map<String, String> lastHeaders = Map.of();

    private Backend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    static Backend start(String name) throws IOException {
        return start(name, 0);
    }

    static Backend start(String name, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        Backend b = new Backend(name, server);
        server.createContext("/", b::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return b;
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
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int requests() {
        return requests.get();
    }

    Map<String, String> lastHeaders() {
        return lastHeaders;
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
