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
 * A streamed API answer read from the outside over real HTTP, as the CLI reads it: a
 * {@code GET /api/apps/{app}/logs?tail=true} stream ({@code ferry logs --tail}) or a {@code POST /api/apps/{app}/run}
 * session ({@code ferry run}); its non-empty lines as they arrive, and when the server ended it.
 */
final class StreamedLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> ended = new CompletableFuture<>();
    private final InputStream body;

    private StreamedLines(InputStream body) {
        this.body = body;
        Thread.ofPlatform().daemon().name("log-follower").start(this::read);
    }

    /** Opens the app's log stream with {@code token}; fails unless the answer is 200. */
    static StreamedLines logs(int apiPort, String token, String app) throws IOException, InterruptedException {
        return open(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/apps/" + app + "/logs?tail=true&lines=0"))
                .header("Authorization", "Bearer " + token).GET());
    }

    /** Starts a one-off process of the app with {@code token}; fails unless the answer is 200. */
    static StreamedLines run(int apiPort, String token, String app, String command) throws IOException, InterruptedException {
        return open(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/apps/" + app + "/run"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"" + command + "\"}")));
    }

    /** Sends {@code request} (its timeout is set here); fails unless the answer is 200. */
    static StreamedLines open(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the log stream answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new StreamedLines(response.body());
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
