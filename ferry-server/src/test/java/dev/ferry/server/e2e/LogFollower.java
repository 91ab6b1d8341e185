package dev.ferry.server.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@code GET /api/apps/{app}/logs?tail=true} stream read from the outside over real HTTP, as
 * {@code ferry logs --tail} reads it: its lines as they arrive, and when the server ended it.
 */
final class LogFollower implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> ended = new CompletableFuture<>();
    private final InputStream body;

    private LogFollower(InputStream body) {
        this.body = body;
        Thread.ofPlatform().daemon().name("log-follower").start(this::read);
    }

    /** Opens the stream with {@code token}; fails unless the answer is 200. */
    static LogFollower open(int apiPort, String token, String app) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + apiPort + "/api/apps/" + app + "/logs?tail=true&lines=0"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the log stream answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new LogFollower(response.body());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            ended.complete(System.nanoTime());
        } catch (IOException e) {
            ended.complete(System.nanoTime());
        }
    }

    /** The non-empty lines received so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** True once the server ended the answer (or the connection broke). */
    boolean ended() {
        return ended.isDone();
    }

    /** {@link System#nanoTime()} when the answer ended. */
    long endedAtNanos() {
        return ended.join();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
