package dev.ferry.tunnel.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ferry tunnel --inspect}: the {@link Inspector}'s last requests on a loopback port (4040 by default), like
 * ngrok's inspector. {@code GET /} is a page, {@code GET /api/requests} the JSON list (newest first, bodies as
 * UTF-8 text up to 10 KiB), and {@code POST /api/requests/{id}/replay} sends a kept request again to the local
 * app, straight (not through the tunnel), answering {@code {"status":N}}; a request whose body was cut is not
 * replayed (409). Bound to 127.0.0.1 only: it shows request headers, cookies included.
 */
public final class InspectorServer implements AutoCloseable {

    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "expect");

    private final Inspector inspector;
    private final String localHost;
    private final int localPort;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-tunnel-inspector");
        t.setDaemon(true);
        return t;
    });

    /** Starts serving on 127.0.0.1:{@code port} (0 for an ephemeral port). */
    public InspectorServer(Inspector inspector, int port, String localHost, int localPort) throws IOException {
        this.inspector = inspector;
        this.localHost = localHost;
        this.localPort = localPort;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                send(ex, 200, "text/html; charset=utf-8", InspectorPage.html(inspector.recent()));
            } else if (method.equals("GET") && path.equals("/api/requests")) {
                send(ex, 200, "application/json", InspectorPage.json(inspector.recent()));
            } else if (method.equals("POST") && path.startsWith("/api/requests/") && path.endsWith("/replay")) {
                replay(ex, path.substring("/api/requests/".length(), path.length() - "/replay".length()));
            } else {
                send(ex, 404, "application/json", "{\"error\":\"no such page\",\"code\":\"not_found\"}");
            }
        }
    }

    private void replay(HttpExchange ex, String idText) throws IOException {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            send(ex, 404, "application/json", "{\"error\":\"no such request\",\"code\":\"not_found\"}");
            return;
        }
        InspectedExchange e = inspector.find(id).orElse(null);
        if (e == null) {
            send(ex, 404, "application/json", "{\"error\":\"no such request\",\"code\":\"not_found\"}");
        } else if (e.requestTruncated()) {
            send(ex, 409, "application/json", "{\"error\":\"the request body was longer than 10 KiB and was not kept whole\","
                    + "\"code\":\"body_truncated\"}");
        } else {
            try {
                send(ex, 200, "application/json", "{\"status\":" + resend(e) + "}");
            } catch (IOException io) {
                send(ex, 502, "application/json", "{\"error\":\"the local app did not answer: "
                        + InspectorPage.escape(String.valueOf(io.getMessage())) + "\",\"code\":\"backend_refused\"}");
            }
        }
    }

    /** Sends the kept request to the local app on a new connection and returns the response status. */
    private int resend(InspectedExchange e) throws IOException {
        try (Socket s = new Socket(localHost, localPort)) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(e.method()).append(' ').append(e.uri()).append(" HTTP/1.1\r\n");
            for (Map.Entry<String, String> h : e.requestHeaders()) {
                if (!NOT_REPLAYED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
            }
            head.append("Content-Length: ").append(e.requestBody().length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(e.requestBody());
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                status.append((char) c);
            }
            String[] parts = status.toString().trim().split(" ");
            if (parts.length < 2) {
                throw new IOException("no response");
            }
            return Integer.parseInt(parts[1]);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
