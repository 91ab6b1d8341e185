package dev.ferry.tunnel;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app on the device: {@code /} says hello, {@code /upload} reads the body and answers its length and
 * digest, {@code /download?bytes=N} sends N pattern bytes, {@code /slow} answers after 3 s.
 */
final class LocalApp implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    LocalApp(String greeting) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 2000);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            byte[] body = (greeting + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/upload", ex -> {
            Digest d = new Digest();
            try (InputStream in = ex.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    d.update(buf, n);
                }
            }
            byte[] body = ("bytes=" + d.count() + " sha=" + d.hex()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/download", ex -> {
            long n = Long.parseLong(ex.getRequestURI().getQuery().replace("bytes=", ""));
            ex.sendResponseHeaders(200, n);
            try (OutputStream out = ex.getResponseBody()) {
                Pattern.write(out, n);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
