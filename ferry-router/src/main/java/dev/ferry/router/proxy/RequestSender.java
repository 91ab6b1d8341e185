package dev.ferry.router.proxy;

import dev.ferry.router.http1.BackendRequestWriter;
import dev.ferry.router.http1.ClientMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * Client to backend for one {@link Exchange}: the request head written as the client's own bytes
 * ({@link BackendRequestWriter}) on each connection the exchange tries, then the body slices as they are read,
 * held while a connection is being opened. The client is read again only while the backend takes what is
 * written (backpressure); once the whole request has reached the backend, the connection's response deadline is
 * armed. A request without a body is one write and one flush. Threading: the exchange's event loop.
 */
final class RequestSender {

    private final Exchange ex;
    private final ExchangeState st;
    // made when a slice must wait for a connection; most requests have no body
    private ArrayDeque<ClientMessage.Body> unsent;

    RequestSender(Exchange ex) {
        this.ex = ex;
        this.st = ex.st;
    }

    /** A connection to the backend is up: the head goes out, then the body read so far. */
    void sendHead(Channel ch, boolean requestHasBody) {
        ex.rec.sentNanos = System.nanoTime();
        ByteBuf out = BackendRequestWriter.write(ex.head, ch.alloc());
        if (!requestHasBody || (st.requestComplete && isEmpty())) {
            // no promise nor listener per request: a failed write fires exceptionCaught, which loses the backend
            ch.writeAndFlush(out, ch.voidPromise());
            written(ch, null, true);
            return;
        }
        ch.write(out).addListener(w -> written(ch, w.cause(), false));
        if (ch != ex.backend()) {
            return; // the write failed at once and a retry (or an error page) took over
        }
        if (!isEmpty()) {
            while (!unsent.isEmpty() && ch == ex.backend()) {
                forward(unsent.poll());
            }
        } else {
            ch.flush();
            ex.frontend.read();
        }
    }

    /** Sends a body slice, or holds it while a connection is being opened (or re-opened). */
    void forward(ClientMessage.Body body) {
        Channel ch = ex.backend();
        if (ch == null) {
            if (unsent == null) {
                unsent = new ArrayDeque<>(2);
            }
            unsent.add(body);
            return;
        }
        boolean last = body.isLast();
        st.bodyBytesSent += body.content().readableBytes();
        ch.writeAndFlush(body.content()).addListener(w -> written(ch, w.cause(), last));
        if (!last) {
            if (ch.isWritable()) {
                ex.frontend.read();
            } else {
                st.waitingForBackendWritable = true;
            }
        }
    }

    /** The backend connection drained: the client is read again if it waited for that. */
    void backendWritable(Channel ch) {
        if (ch.isWritable() && st.waitingForBackendWritable) {
            st.waitingForBackendWritable = false;
            ex.frontend.read();
        }
    }

    /** The exchange is over: body slices never sent are dropped. */
    void releaseUnsent() {
        ClientMessage.Body b;
        while (unsent != null && (b = unsent.poll()) != null) {
            b.release();
        }
    }

    private boolean isEmpty() {
        return unsent == null || unsent.isEmpty();
    }

    /** A write to the backend completed: a failure loses the backend; the end of the request arms the deadline. */
    private void written(Channel ch, Throwable cause, boolean last) {
        if (cause != null) {
            ex.backendFailed(ch, cause);
        } else if (last && ch == ex.backend()) {
            st.requestSent = true;
            if (!st.responseStarted && !st.done) {
                ex.frontend.responseDeadline().arm();
            }
        }
    }
}
