package dev.ferry.control.ps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.apps.AppSessions;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.RunLineRequest;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.App;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/apps/{app}/run {"command": "rake db:migrate", "env": {"A": "1"}}}: starts a one-off process of
 * the app's current release and streams it back as NDJSON ({@code application/x-ndjson}), one JSON object per
 * line, sent as soon as the process writes:
 * <ul>
 *   <li>{@code {"out": "text"}}: standard output and error, merged, decoded as UTF-8 (bytes that are not UTF-8
 *       become U+FFFD);</li>
 *   <li>an empty line every {@value #KEEP_ALIVE_SECONDS} s without output, to be ignored (it keeps the connection
 *       open and notices a client that went away);</li>
 *   <li>{@code {"exit": 3}}: the last frame, the process's exit code; or {@code {"error", "code"}} when the
 *       platform lost the process.</li>
 * </ul>
 * The process gets no standard input. A client that disconnects kills it; so does revoking the caller's token,
 * removing their access or destroying the app, after which the last frame is {@code {"error", "code":
 * "access_revoked"}}. Refusals before the process starts
 * are ordinary API errors (409 {@code no_release} when the app has nothing to run).
 *
 * <p>Threading: the request's thread writes every frame; a virtual thread reads the process's output into a
 * queue, so the writer can send keep-alives while the process is silent.
 */
final class RunStream {

    static final int KEEP_ALIVE_SECONDS = 10;
    static final int MAX_COMMAND_LENGTH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RunStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks the end of the output in the queue; compared by identity, so no chunk can be mistaken for it. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String END = new String("");

    private final ReleaseStore store;
    private final AppRuntime runtime;
    private final AppSessions sessions;

    RunStream(ReleaseStore store, AppRuntime runtime, AppSessions sessions) {
        this.store = store;
        this.runtime = runtime;
        this.sessions = sessions;
    }

    void handle(Context ctx, App app) throws IOException {
        RunLineRequest request = RequestBody.parse(ctx.body(), RunLineRequest.class);
        String command = Optional.ofNullable(request.command()).filter(c -> !c.isBlank())
                .orElseThrow(() -> new InvalidInput("the field 'command' must be the command line to run, as in \"echo hi\""));
        if (command.length() > MAX_COMMAND_LENGTH || command.indexOf('\0') >= 0) {
            throw new InvalidInput("the command must be at most " + MAX_COMMAND_LENGTH + " characters without NUL");
        }
        Map<String, String> env = RunRequest.env(request.env());
        Release release = store.currentRelease(app.name()).filter(r -> r.slugId().isPresent())
                .orElseThrow(() -> new NothingToRun(app.name().value()));
        AtomicReference<String> revoked = new AtomicReference<>();
        try (OneOffProcess process = runtime.run(release, command, env);
             var session = sessions.open(ctx, app, "run", reason -> {
                 revoked.set(reason);
                 Thread.ofVirtual().name("ferry-run-revoked-" + process.name()).start(process::close);
             })) {
            closeQuietly(process.input());
            ctx.status(200).contentType("application/x-ndjson").header("Ferry-Process", process.name());
            OutputStream out = ctx.res().getOutputStream();
            out.flush();
            stream(process, out, revoked);
        }
    }

    private static void stream(OneOffProcess process, OutputStream out, AtomicReference<String> revoked) throws IOException {
        BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        Thread.ofVirtual().name("ferry-run-" + process.name()).start(() -> {
            try (Reader in = new InputStreamReader(process.output(), StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    chunks.add(new String(buf, 0, n));
                }
            } catch (IOException e) {
                log.debug("output of {} ended: {}", process.name(), e.toString());
            } finally {
                chunks.add(END);
            }
        });
        try {
            for (String chunk; (chunk = chunks.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS)) != END; ) {
                if (revoked.get() != null) {
                    continue; // nothing more reaches a client whose access went; the process is being killed
                }
                if (chunk == null) {
                    out.write('\n');
                } else {
                    frame(out, JSON.createObjectNode().put("out", chunk));
                }
                out.flush();
            }
            int exit = process.waitFor();
            if (revoked.get() != null) {
                frame(out, JSON.createObjectNode().put("error", "The process was stopped: " + revoked.get() + ".")
                        .put("code", "access_revoked"));
            } else {
                frame(out, JSON.createObjectNode().put("exit", exit));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            frame(out, JSON.createObjectNode().put("error", "the platform stopped while the process ran")
                    .put("code", "interrupted"));
        }
        out.flush();
    }

    private static void frame(OutputStream out, ObjectNode frame) throws IOException {
        try {
            out.write(JSON.writeValueAsBytes(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        out.write('\n');
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException e) {
            // the process does not read its input
        }
    }
}
