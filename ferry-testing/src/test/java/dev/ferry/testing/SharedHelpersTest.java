package dev.ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SharedHelpersTest {

    private static final AppName HELLO = AppName.of("hello");

    @Test
    void movesTheClockOnlyByHand() {
        MutableClock clock = new MutableClock();
        Instant start = clock.instant();
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(start.toEpochMilli() + 90_000);
    }

    @Test
    void keepsLinesPerAppAndDeliversThemToFollowers() {
        MemoryAppLogs logs = new MemoryAppLogs();
        List<String> followed = new ArrayList<>();
        var subscription = logs.follow(HELLO, l -> followed.add(l.text()));
        logs.append(new LogLine(Instant.EPOCH, HELLO, LogLine.APP, "web.1", "one"));
        logs.append(new LogLine(Instant.EPOCH, HELLO, LogLine.APP, "runtime", "two"));
        logs.append(new LogLine(Instant.EPOCH, AppName.of("other"), LogLine.APP, "web.1", "three"));

        assertThat(followed).containsExactly("one", "two");
        assertThat(logs.recent(HELLO, 1, Optional.empty())).extracting(LogLine::text).containsExactly("two");
        assertThat(logs.texts("web.1")).containsExactly("one", "three");
        subscription.close();
        assertThat(logs.followers(HELLO)).isZero();
        logs.forget(HELLO);
        assertThat(logs.texts("web.1")).containsExactly("three");
    }

    @Test
    void echoesWebSocketTextFrames() throws Exception {
        try (WebSocketEchoServer echo = new WebSocketEchoServer(); HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + echo.port() + "/ws"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            answer.complete(data.toString());
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            socket.sendText("hi", true).get(5, TimeUnit.SECONDS);
            assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("echo hi");
            assertThat(echo.url()).isEqualTo("http://127.0.0.1:" + echo.port());
            socket.abort();
        }
    }

    @Test
    void servesItsHandlersOnLoopbackWithTheLongestPrefixWinning() throws Exception {
        try (HttpOrigin origin = HttpOrigin.start(ex -> answer(ex, "root " + ex.getRequestURI().getPath()))
                .route("/upload", ex -> answer(ex, "upload"));
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(origin.url()).isEqualTo("http://127.0.0.1:" + origin.port());
            assertThat(http.send(HttpRequest.newBuilder(URI.create(origin.url() + "/a")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("root /a");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(origin.url() + "/upload/x")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("upload");
        }
    }

    @Test
    void servesOnAnotherLoopbackAddressWhenNamed() throws Exception {
        try (HttpOrigin origin = HttpOrigin.start("127.0.0.2", 0, ex -> answer(ex, "second"));
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(origin.url()).isEqualTo("http://127.0.0.2:" + origin.port());
            assertThat(http.send(HttpRequest.newBuilder(URI.create(origin.url() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("second");
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String text) throws java.io.IOException {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        try (var out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @CommandLine.Command(name = "greet")
    static final class Greet implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters
        String name;

        @Override
        public Integer call() {
            if (name.isBlank()) {
                spec.commandLine().getErr().println("ferry: a name is needed");
                return 1;
            }
            spec.commandLine().getOut().println("hello " + name);
            return 0;
        }
    }

    @Test
    void capturesWhatACommandPrintsAndItsExitCode() {
        assertThat(CommandRunner.run(new CommandLine(new Greet()), "ferry"))
                .isEqualTo(new CommandRunner.Result(0, "hello ferry\n", ""));
        assertThat(CommandRunner.run(new CommandLine(new Greet()), " "))
                .isEqualTo(new CommandRunner.Result(1, "", "ferry: a name is needed\n"));
    }
}
