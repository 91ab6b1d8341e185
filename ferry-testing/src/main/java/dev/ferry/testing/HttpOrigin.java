package dev.ferry.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 origin for tests (the JDK's server): on {@code 127.0.0.1} unless another loopback address is named, an ephemeral port unless one is
 * named, a backlog of 2,000 connections and a virtual thread per exchange, so load and streaming tests are not
 * limited by the origin. The test gives the handlers; {@link #close} stops at once.
 */
public final class HttpOrigin implements AutoCloseable {

    private static final int BACKLOG = 2000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private HttpOrigin(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        server.setExecutor(executor);
    }

    /** An origin on an ephemeral port answering every path with {@code handler}. */
    public static HttpOrigin start(HttpHandler handler) throws IOException {
        return start(0, handler);
    }

    /** An origin on {@code port} (0: ephemeral) answering every path with {@code handler}. */
    public static HttpOrigin start(int port, HttpHandler handler) throws IOException {
        return start("127.0.0.1", port, handler);
    }

    /** An origin on another loopback address ({@code 127.0.0.2}, as a second pod's address) and {@code port}. */
    public static HttpOrigin start(String host, int port, HttpHandler handler) throws IOException {
        HttpOrigin origin = new HttpOrigin(host, port);
        origin.server.createContext("/", handler);
        origin.server.start();
        return origin;
    }

    /** Answers the paths under {@code prefix} with {@code handler} instead (the longest prefix wins). */
    public HttpOrigin route(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address it listens on. */
    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    /** {@code http://<host>:<port>}, as a route's target. */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
