package dev.ferry.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.api.client.ApiJson;
import dev.ferry.cli.CliFailure;
import dev.ferry.core.api.RunEvent;
import dev.ferry.core.api.RunInput;
import dev.ferry.core.api.RunStart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Runs one process over the control API's WebSocket ({@code /api/apps/{app}/run/attach}): sends the command, copies
 * this process's standard input to it (binary frames; end of input as {@code {"eof": true}}), writes its
 * standard output and error to this process's own, apart (the first byte of each frame says which), and answers
 * its exit code. A refusal or a lost connection is a {@link CliFailure} with one sentence. Uses the JDK's own
 * WebSocket client; connect timeout 5 s, no limit once the process runs.
 */
public final class RunSocketClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile WebSocket socket;

    private RunSocketClient(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Runs {@code start} (the first frame: command, env, terminal) at {@code uri} and answers the exit code.
     *
     * @param onStarted  called once the connection is open, with a way to send a resize frame
     * @param onNotFound called when the upgrade is answered 404 (the JDK's client drops the answer's body), to
     *                   throw the API's own sentence, such as the app's not being found
     */
    public static int run(URI uri, String token, RunStart start, InputStream stdin, OutputStream stdout,
                          OutputStream stderr, java.util.function.Consumer<Resizer> onStarted, Runnable onNotFound) {
        RunSocketClient client = new RunSocketClient(stdout, stderr);
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        try {
            client.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, client.listener()).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 404) {
                onNotFound.run();
            }
            throw refusal(uri, e.getCause());
        }
        WebSocket ws = client.socket;
        ws.sendText(ApiJson.write(start), true).join();
        onStarted.accept((columns, rows) -> {
            ws.sendText(ApiJson.write(RunInput.resize(columns, rows)), true);
        });
        Thread input = new Thread(() -> copyInput(stdin, ws), "ferry-run-stdin");
        input.setDaemon(true);
        input.start();
        try {
            return client.exit.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CliFailure f ? f
                    : new CliFailure("the connection to the Ferry API broke while the process ran: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        } finally {
            ws.abort();
        }
    }

    /** Sends a new terminal size. */
    @FunctionalInterface
    public interface Resizer {
        void resize(int columns, int rows);
    }

    private static void copyInput(InputStream stdin, WebSocket ws) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = stdin.read(buf)) >= 0; ) {
                if (n > 0) {
                    ws.sendBinary(ByteBuffer.wrap(buf.clone(), 0, n), true).join();
                }
            }
            ws.sendText(ApiJson.write(RunInput.endOfInput()), true).join();
        } catch (IOException | CompletionException e) {
            // the process ended or the connection went: nothing more to send
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frame(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                binary.writeBytes(chunk);
                if (last) {
                    output(binary.toByteArray());
                    binary.reset();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                exit.completeExceptionally(new CliFailure("the Ferry API closed the connection before the process ended"
                        + (reason == null || reason.isBlank() ? "" : ": " + reason)));
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                exit.completeExceptionally(error);
            }
        };
    }

    private void frame(String text) {
        JsonNode tree = ApiJson.parse(text);
        RunEvent event;
        try {
            event = tree.isObject() ? ApiJson.read(tree, RunEvent.class) : null;
        } catch (IllegalStateException e) {
            event = null;
        }
        if (event == null) {
            exit.completeExceptionally(new CliFailure("the Ferry API sent a frame that is not one of run's"));
        } else if (event.exit() != null) {
            flush();
            exit.complete(event.exit());
        } else if (event.error() != null) {
            flush();
            exit.completeExceptionally(new CliFailure(event.error()));
        }
    }

    private void output(byte[] frame) {
        if (frame.length < 1) {
            return;
        }
        OutputStream to = frame[0] == 2 ? stderr : stdout;
        try {
            to.write(frame, 1, frame.length - 1);
            to.flush();
        } catch (IOException e) {
            // our own output is closed (a pipe whose reader left): the process output has nowhere to go
        }
    }

    private void flush() {
        try {
            stdout.flush();
            stderr.flush();
        } catch (IOException e) {
            // nothing to flush into
        }
    }

    private static CliFailure refusal(URI uri, Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            Object body = h.getResponse().body();
            if (body instanceof String s && !s.isBlank()) {
                JsonNode error = ApiJson.parse(s).path("error");
                if (error.isTextual()) {
                    return new CliFailure(error.asText());
                }
            }
            return switch (status) {
                case 401 -> new CliFailure("the API token was refused: run ferry login, or set FERRY_API_TOKEN");
                case 404 -> new CliFailure("no such app, or this Ferry does not serve run over a WebSocket (HTTP 404)");
                default -> new CliFailure("the Ferry API refused run with HTTP " + status);
            };
        }
        if (cause instanceof ConnectException || cause instanceof HttpTimeoutException) {
            return new CliFailure("cannot reach the Ferry API at " + uri.getScheme().replaceFirst("^ws", "http") + "://" + uri.getAuthority()
                    + ": is Ferry running? (start it with ./ferry up)");
        }
        return new CliFailure("could not open run on the Ferry API: " + (cause == null ? "unknown error" : cause.toString()));
    }
}
