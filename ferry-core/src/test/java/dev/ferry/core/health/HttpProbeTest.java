package dev.ferry.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    /**
     * Answers one request as Python's http.server does: the head in one write, the body in later ones; completes
     * with the write error it met, or empty when the whole answer went out.
     */
    private static CompletableFuture<Optional<String>> answerInPieces(ServerSocket server, String head,
                                                                      String... bodyParts) {
        CompletableFuture<Optional<String>> writeError = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                readHead(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (String part : bodyParts) {
                    Thread.sleep(150);
                    out.write(part.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                writeError.complete(Optional.empty());
            } catch (IOException e) {
                writeError.complete(Optional.of(e.toString()));
            } catch (InterruptedException e) {
                writeError.complete(Optional.of("interrupted"));
            }
        });
        return writeError;
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Test
    void readsTheWholeAnswerSoTheAppNeverWritesIntoAClosedConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Optional<String>> writeError = answerInPieces(server,
                    "HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 17\r\n\r\n", "Hello from ", "Ferry\n");
            assertThat(HttpProbe.check("127.0.0.1", server.getLocalPort(), "/", Optional.empty(),
                    Duration.ofSeconds(5), 500)).isEmpty();
            assertThat(writeError.get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void findsTheContentInABodyThatArrivesLater() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerInPieces(server, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                    "3\r\nall\r\n", "6\r\n is ok\r\n0\r\n\r\n");
            assertThat(HttpProbe.check("127.0.0.1", server.getLocalPort(), "/health", Optional.of("all is ok"),
                    Duration.ofSeconds(5), 400)).isEmpty();
        }
    }

    @Test
    void reportsTheStatusAboveTheLimit() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerInPieces(server, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\n", "down");
            assertThat(HttpProbe.check("127.0.0.1", server.getLocalPort(), "/", Optional.empty(),
                    Duration.ofSeconds(5), 500)).hasValue("GET / answered 503");
        }
    }

    @Test
    void decidesOnTheStatusWhenOnlyTheBodyDragsPastTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            answerInPieces(server, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "x", "y", "z");
            assertThat(HttpProbe.check("127.0.0.1", server.getLocalPort(), "/", Optional.empty(),
                    Duration.ofMillis(200), 500)).isEmpty();
        }
    }

    @Test
    void failsWhenNothingAnswers() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThat(HttpProbe.check("127.0.0.1", port, "/", Optional.empty(), Duration.ofSeconds(1), 500))
                .hasValueSatisfying(why -> assertThat(why).startsWith("GET / failed: "));
    }
}
