package dev.ferry.example;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A web server with the JDK only: says hello on the port in -Dserver.port (or $PORT) until stopped. */
public final class Hello {

    public static void main(String[] args) throws IOException {
        String port = System.getProperty("server.port", System.getenv().getOrDefault("PORT", "5000"));
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(port)), 0);
        server.createContext("/", exchange -> {
            byte[] body = "Hello from Ferry\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // SIGTERM runs the shutdown hooks: stop accepting and let requests in flight finish (up to 5 s).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(5)));
        server.start();
        System.out.println("listening on " + port);
    }
}
