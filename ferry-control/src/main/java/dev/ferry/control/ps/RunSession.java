package dev.ferry.control.ps;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.control.error.ApiException;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.api.RunEvent;
import dev.ferry.core.api.RunInput;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.App;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStore;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link RunSocket} connection: waits for the command, starts the process, copies its input from the client and
 * its output and error to it, and ends with its exit code; see {@link RunSocket} for the frames.
 *
 * <p>Threading: Jetty calls {@link #text}, {@link #input} and {@link #closed} one at a time and never waits for the
 * process: a virtual thread writes its input from a queue, one per output stream sends frames, one more waits for
 * the exit. Sends are serialised by a lock and each waits until
 * Jetty wrote it, so a client that reads slowly slows the process down instead of filling the server's memory.
 */
final class RunSession {

    static final byte STDOUT = 1;
    static final byte STDERR = 2;
    private static final Logger log = LoggerFactory.getLogger(RunSession.class);
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** The most standard input waiting for a process that does not read it. */
    static final int MAX_QUEUED_INPUT = 8 * 1024 * 1024;
    /** Marks the end of standard input in the queue; compared by identity. */
    private static final byte[] EOF = new byte[0];

    private final App app;
    private final ReleaseStore store;
    private final AppRuntime runtime;
    private final Object sendLock = new Object();
    private volatile WsContext ws;
    private volatile OneOffProcess process;
    private volatile SessionRegistry.Registration registration;
    private volatile String revoked;
    private volatile boolean ended;
    private final BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    private final AtomicLong queuedInput = new AtomicLong();
    private volatile boolean inputGone;

    RunSession(App app, ReleaseStore store, AppRuntime runtime) {
        this.app = app;
        this.store = store;
        this.runtime = runtime;
    }

    void registered(SessionRegistry.Registration r) {
        this.registration = r;
    }

    void connected(WsContext ctx) {
        this.ws = ctx;
    }

    /** The first text frame starts the process; later ones resize its terminal or close its input. */
    void text(String message) {
        try {
            if (process == null) {
                start(RunRequest.attached(message));
                return;
            }
            RunInput input = RunRequest.input(message);
            RunRequest.terminal(input.resize()).ifPresent(process::resize);
            if (Boolean.TRUE.equals(input.eof())) {
                closeInput();
            }
        } catch (ApiException e) {
            end(error(e.getMessage(), e.code()));
        }
    }

    /**
     * Queues standard input for the writer thread, so that a process that does not read never blocks Jetty's
     * thread; past {@value #MAX_QUEUED_INPUT} bytes waiting, the session ends and the process is killed.
     */
    void input(ByteBuffer bytes) {
        OneOffProcess p = process;
        if (p == null) {
            end(error("send the command as the first (text) frame", "bad_request"));
            return;
        }
        if (inputGone) {
            return; // the process closed its input: what it will never read is dropped
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        if (queuedInput.addAndGet(copy.length) > MAX_QUEUED_INPUT) {
            end(error("The process does not read its input fast enough: more than " + MAX_QUEUED_INPUT
                    + " bytes were waiting.", "input_overflow"));
            p.close();
            return;
        }
        stdin.add(copy);
    }

    private void writeInput(OneOffProcess p) {
        try (OutputStream in = p.input()) {
            for (byte[] chunk; (chunk = stdin.take()) != EOF; ) {
                in.write(chunk);
                in.flush();
                queuedInput.addAndGet(-chunk.length);
            }
        } catch (IOException e) {
            log.debug("input of {} closed: {}", p.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inputGone = true;
            stdin.clear();
        }
    }

    /** The client went away, or the connection failed: the process goes too. */
    void closed() {
        ended = true;
        OneOffProcess p = process;
        if (p != null) {
            p.close();
        }
        SessionRegistry.Registration r = registration;
        if (r != null) {
            r.close();
        }
    }

    /** Called when the caller's access is revoked: the process is killed and the last frame says why. */
    void revoke(String reason) {
        revoked = reason;
        OneOffProcess p = process;
        if (p == null) {
            end(error("The process was stopped: " + reason + ".", "access_revoked"));
        } else {
            Thread.ofVirtual().name("ferry-run-revoked-" + p.name()).start(p::close);
        }
    }

    private void start(OneOffCommand command) {
        Release release = store.currentRelease(app.name()).filter(r -> r.slugId().isPresent())
                .orElseThrow(() -> new NothingToRun(app.name().value()));
        OneOffProcess p;
        try {
            p = runtime.start(release, command);
        } catch (UnsupportedOperationException e) {
            throw new InvalidInput(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("could not start a one-off process of {}: {}", app.name(), e.toString());
            end(error("Ferry could not start the process: " + e.getMessage(), "not_started"));
            return;
        }
        process = p;
        if (ended) {
            p.close();
            return;
        }
        send(RunEvent.started(p.name()));
        Thread out = Thread.ofVirtual().name("ferry-run-out-" + p.name()).start(() -> pump(p.output(), STDOUT));
        Thread err = Thread.ofVirtual().name("ferry-run-err-" + p.name()).start(() -> pump(p.errors(), STDERR));
        Thread input = Thread.ofVirtual().name("ferry-run-in-" + p.name()).start(() -> writeInput(p));
        Thread.ofVirtual().name("ferry-run-exit-" + p.name()).start(() -> {
            try {
                int code = p.waitFor();
                input.interrupt();
                out.join();
                err.join();
                end(revoked != null ? error("The process was stopped: " + revoked + ".", "access_revoked")
                        : RunEvent.exited(code));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void pump(InputStream in, byte stream) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (n == 0 || revoked != null) {
                    continue;
                }
                ByteBuffer frame = ByteBuffer.allocate(n + 1).put(stream).put(buf, 0, n).flip();
                synchronized (sendLock) {
                    if (ended) {
                        continue; // keep reading so that the process never blocks on a full pipe
                    }
                    Callback.Completable sent = new Callback.Completable();
                    ws.session.sendBinary(frame, sent);
                    sent.get();
                }
            }
        } catch (IOException | ExecutionException e) {
            log.debug("output of a one-off process of {} ended: {}", app.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeInput() {
        stdin.add(EOF);
    }

    /** Sends the last frame and closes the connection; the process, if any, is killed once the client is gone. */
    private void end(RunEvent last) {
        synchronized (sendLock) {
            if (ended) {
                return;
            }
            send(last);
            ended = true;
        }
        if (ws != null) {
            ws.closeSession(1000, "done");
        }
    }

    private void send(RunEvent frame) {
        synchronized (sendLock) {
            if (ended || ws == null) {
                return;
            }
            try {
                Callback.Completable sent = new Callback.Completable();
                ws.session.sendText(JSON.writeValueAsString(frame), sent);
                sent.get();
            } catch (IOException | ExecutionException e) {
                log.debug("could not send to the client of a one-off process of {}: {}", app.name(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RunEvent error(String message, String code) {
        return RunEvent.failed(message, code);
    }
}
