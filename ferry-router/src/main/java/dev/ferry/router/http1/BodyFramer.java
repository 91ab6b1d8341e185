package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;

/**
 * Tracks where a message body ends while its bytes pass through untouched: a {@code Content-Length} count, or
 * the chunked coding (RFC 9112 §7.1) validated as it goes, or everything until the connection closes. Each
 * call to {@link #next} hands on a retained slice of the bytes validated so far (chunk framing included, so a
 * chunked body reaches the other side exactly as it came) and moves the input's reader index past them;
 * bytes after the body stay in the input for the next message.
 *
 * <p>Refused, with a reason in {@link #failure()}: a chunk-size that is not 1 to 15 hexadecimal digits
 * ({@code 0x5}, {@code -5}, spaces around it, overflow), a chunk-size line ended by LF alone or longer than
 * {@code maxLineLength}, chunk data not followed by CRLF, an extension or trailer field with a control
 * character, and a trailer line that is not a field. One instance per connection and direction, reused with
 * {@link #reset}; threading: the connection's event loop.
 */
public final class BodyFramer {

    /** How the body ends. */
    public enum Mode { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private enum State { DATA, SIZE_LINE, CHUNK_DATA, CHUNK_END, TRAILER, DONE, FAILED }

    private static final int MAX_SIZE_DIGITS = 15;

    private final int maxLineLength;
    private Mode mode = Mode.NONE;
    private State state = State.DONE;
    private long remaining;
    private long payload;
    private int scanned;
    private String failure;
    private boolean stopAtData;
    private int failedAt = -1;

    /** @param maxLineLength longest chunk-size or trailer line, in bytes (the router uses its request-line limit) */
    public BodyFramer(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** Starts a new body; {@code length} counts for {@link Mode#LENGTH} only. */
    public void reset(Mode mode, long length) {
        this.mode = mode;
        this.payload = 0;
        this.scanned = 0;
        this.failure = null;
        this.failedAt = -1;
        this.remaining = length;
        this.state = switch (mode) {
            case NONE -> State.DONE;
            case LENGTH -> length == 0 ? State.DONE : State.DATA;
            case CHUNKED -> State.SIZE_LINE;
            case UNTIL_CLOSE -> State.DATA;
        };
    }

    public Mode mode() {
        return mode;
    }

    /** True once the whole body has passed (never for {@link Mode#UNTIL_CLOSE}). */
    public boolean isDone() {
        return state == State.DONE;
    }

    /** Why the body was refused, or null. */
    public String failure() {
        return failure;
    }

    /** Body bytes seen so far, chunk framing not counted. */
    public long payloadBytes() {
        return payload;
    }

    /**
     * Validates what {@code in} holds of the body and returns it as a retained slice, or null when nothing can
     * be handed on yet (the body is done, a chunk-size line is incomplete, or the body was refused: see
     * {@link #failure()}).
     */
    public ByteBuf next(ByteBuf in) {
        int start = in.readerIndex();
        int end = advance(in, start, in.writerIndex());
        if (state == State.FAILED) {
            return null; // the connection closes: bytes before the fault in this batch go nowhere either
        }
        if (end == start) {
            return null;
        }
        in.readerIndex(end);
        return in.retainedSlice(start, end - start);
    }

    /**
     * Like {@link #next} but hands on the payload alone, without chunk framing: the data of one chunk (or part
     * of it) per call, for a receiver that frames the body differently (an HTTP/1.0 client reading to the close).
     */
    public ByteBuf nextPayload(ByteBuf in) {
        if (mode != Mode.CHUNKED) {
            return next(in);
        }
        stopAtData = true;
        try {
            in.readerIndex(advance(in, in.readerIndex(), in.writerIndex()));
        } finally {
            stopAtData = false;
        }
        if (state != State.CHUNK_DATA || !in.isReadable()) {
            return null;
        }
        int n = (int) Math.min(remaining, in.readableBytes());
        ByteBuf data = in.readRetainedSlice(n);
        payload += n;
        if ((remaining -= n) == 0) {
            state = State.CHUNK_END;
        }
        return data;
    }

    /**
     * After {@link #next} found a fault, the bytes it had validated before it in that batch, as a retained slice
     * (the input's reader index moved past them), or null when there are none; for a receiver that passes on what
     * was whole before it gives up, such as a response already begun.
     */
    public ByteBuf validatedBeforeFailure(ByteBuf in) {
        int start = in.readerIndex();
        if (state != State.FAILED || failedAt <= start) {
            return null;
        }
        int end = failedAt;
        failedAt = -1;
        in.readerIndex(end);
        return in.retainedSlice(start, end - start);
    }

    /** Walks the states over {@code [from, to)} and answers how far the bytes are validated. */
    private int advance(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to || state == State.DONE) {
            if (stopAtData && state == State.CHUNK_DATA) {
                return i;
            }
            switch (state) {
                case DATA -> {
                    int n = mode == Mode.UNTIL_CLOSE ? to - i : (int) Math.min(remaining, to - i);
                    i += n;
                    payload += n;
                    if (mode == Mode.LENGTH && (remaining -= n) == 0) {
                        state = State.DONE;
                    }
                    return i;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, to - i);
                    i += n;
                    payload += n;
                    if ((remaining -= n) == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (to - i < 2) {
                        return i;
                    }
                    if (in.getByte(i) != '\r' || in.getByte(i + 1) != '\n') {
                        return fail(i, "chunk data not followed by CRLF");
                    }
                    i += 2;
                    state = State.SIZE_LINE;
                }
                case SIZE_LINE, TRAILER -> {
                    int lf = in.indexOf(i + scanned, to, (byte) '\n');
                    if (lf < 0) {
                        scanned = to - i;
                        return scanned > maxLineLength + 1 ? fail(i, "chunk line over " + maxLineLength + " bytes") : i;
                    }
                    scanned = 0;
                    if (lf == i || in.getByte(lf - 1) != '\r') {
                        return fail(i, "chunk line ended by LF alone");
                    }
                    if (lf - 1 - i > maxLineLength) {
                        return fail(i, "chunk line over " + maxLineLength + " bytes");
                    }
                    String problem = state == State.SIZE_LINE ? sizeLine(in, i, lf - 1) : trailerLine(in, i, lf - 1);
                    if (problem != null) {
                        return fail(i, problem);
                    }
                    i = lf + 1;
                }
                case DONE, FAILED -> {
                    return i;
                }
            }
        }
        return i;
    }

    /** Reads {@code chunk-size [; ext]}; sets the next state. */
    private String sizeLine(ByteBuf in, int start, int end) {
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int digit = Character.digit(in.getByte(i), 16);
            if (digit < 0) {
                break;
            }
            if (i - start == MAX_SIZE_DIGITS) {
                return "chunk size too large";
            }
            size = size * 16 + digit;
        }
        if (i == start) {
            return "chunk size is not hexadecimal";
        }
        if (i < end) {
            if (in.getByte(i) != ';') {
                return "chunk size is not hexadecimal";
            }
            for (int k = i + 1; k < end; k++) {
                if (!Ascii.isFieldValueChar(in.getByte(k))) {
                    return "control character in a chunk extension";
                }
            }
        }
        remaining = size;
        state = size == 0 ? State.TRAILER : State.CHUNK_DATA;
        return null;
    }

    /** Reads one trailer field, or the empty line that ends the body. */
    private String trailerLine(ByteBuf in, int start, int end) {
        if (start == end) {
            state = State.DONE;
            return null;
        }
        int i = start;
        while (i < end && Ascii.isTokenChar(in.getByte(i))) {
            i++;
        }
        if (i == start || i == end || in.getByte(i) != ':') {
            return "trailer line is not a field";
        }
        for (int k = i + 1; k < end; k++) {
            if (!Ascii.isFieldValueChar(in.getByte(k))) {
                return "control character in a trailer field";
            }
        }
        return null;
    }

    private int fail(int validatedTo, String reason) {
        failure = reason;
        failedAt = validatedTo;
        state = State.FAILED;
        return validatedTo;
    }
}
