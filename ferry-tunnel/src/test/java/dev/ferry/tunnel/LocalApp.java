package dev.ferry.tunnel;

import dev.ferry.testing.HttpOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The app on the device: {@code /} says hello, {@code /upload} reads the body and answers its length and
 * digest, {@code /download?bytes=N} sends N pattern bytes, {@code /slow} answers after 3 s.
 */
final class LocalApp implements AutoCloseable {

    private final HttpOrigin origin;

    LocalApp(String greeting) throws IOException {
        origin = HttpOrigin.start(ex -> {
            byte[] body = (greeting + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        origin.route("/upload", ex -> {
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
        origin.route("/download", ex -> {
            long n = Long.parseLong(ex.getRequestURI().getQuery().replace("bytes=", ""));
            ex.sendResponseHeaders(200, n);
            try (OutputStream out = ex.getResponseBody()) {
                Pattern.write(out, n);
            }
        });
    }

    int port() {
        return origin.port();
    }

    @Override
    public void close() {
        origin.close();
    }
}
