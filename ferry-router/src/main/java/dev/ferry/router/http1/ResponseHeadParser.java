package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;

/**
 * Reads a backend's response head in one pass, in place, into a {@link ResponseHead}, and then applies
 * {@link ResponseFraming}. Refused (the router answers 502 {@code backend_bad_response} and closes both
 * connections, since a malformed response may be a desync attempt): a status line other than
 * {@code HTTP/1.x SP 3DIGIT [SP reason]} or with a status outside 100-599, a line ended by LF alone, a field line
 * with the syntax faults {@link FieldLines} refuses, a head over {@link HeadLimits#maxHeaderSize} (or a status
 * line over {@link HeadLimits#maxInitialLineLength}), and the framing faults {@link ResponseFraming} refuses.
 * Resumable like {@link RequestHeadParser}; one instance per backend connection, on its event loop.
 */
public final class ResponseHeadParser {

    private final HeadLimits limits;
    private boolean inFields;
    private int lineStart;
    private int scanned;
    private int headerBytes;
    private String failure;

    public ResponseHeadParser(HeadLimits limits) {
        this.limits = limits;
    }

    /** Why the last head was refused; set when {@link #parse} answered {@link RequestHeadParser.Result#REFUSED}. */
    public String failure() {
        return failure;
    }

    /**
     * Parses the head at {@code in}'s reader index without moving it.
     *
     * @param headRequest the request was a {@code HEAD}, so the response has no body whatever it says
     */
    public RequestHeadParser.Result parse(ByteBuf in, ResponseHead head, boolean headRequest) {
        if (!inFields && scanned == 0) {
            head.reset();
        }
        head.attach(in);
        int available = in.readableBytes();
        while (true) {
            int lf = in.indexOf(head.base + scanned, head.base + available, (byte) '\n');
            if (lf < 0) {
                scanned = available;
                int partial = available - lineStart;
                boolean tooLong = inFields ? headerBytes + partial > limits.maxHeaderSize()
                        : partial > limits.maxInitialLineLength() + 1;
                return tooLong ? refuse("response head too large") : RequestHeadParser.Result.INCOMPLETE;
            }
            int newline = lf - head.base;
            scanned = newline + 1;
            if (newline == lineStart || head.byteAt(newline - 1) != '\r') {
                return refuse("a line ended by LF alone");
            }
            int start = lineStart;
            int end = newline - 1;
            lineStart = newline + 1;
            String problem;
            if (!inFields) {
                problem = statusLine(head, start, end);
                inFields = true;
            } else if (start == end) {
                head.end = newline + 1;
                problem = ResponseFraming.apply(head, headRequest);
                restart();
                return problem == null ? RequestHeadParser.Result.COMPLETE : refuse(problem);
            } else {
                headerBytes += end - start + 2;
                problem = headerBytes > limits.maxHeaderSize() ? "response head too large"
                        : head.fields.read(head.buf, head.base, start, end);
            }
            if (problem != null) {
                return refuse(problem);
            }
        }
    }

    /** Forgets a refused or abandoned head. */
    public void restart() {
        inFields = false;
        lineStart = 0;
        scanned = 0;
        headerBytes = 0;
    }

    private String statusLine(ResponseHead head, int start, int end) {
        if (end - start > limits.maxInitialLineLength()) {
            return "status line too long";
        }
        if (end - start < 12) {
            return "malformed status line";
        }
        for (int k = 0; k < 7; k++) {
            if (head.byteAt(start + k) != "HTTP/1.".charAt(k)) {
                return "malformed status line";
            }
        }
        byte minor = head.byteAt(start + 7);
        if ((minor != '0' && minor != '1') || head.byteAt(start + 8) != ' ') {
            return "malformed status line";
        }
        int status = 0;
        for (int k = start + 9; k < start + 12; k++) {
            byte b = head.byteAt(k);
            if (b < '0' || b > '9') {
                return "malformed status line";
            }
            status = status * 10 + (b - '0');
        }
        if (status < 100 || status > 599 || end > start + 12 && head.byteAt(start + 12) != ' ') {
            return "malformed status line";
        }
        for (int k = start + 12; k < end; k++) {
            if (!Ascii.isFieldValueChar(head.byteAt(k))) {
                return "control character in the reason phrase";
            }
        }
        head.minorVersion = minor - '0';
        head.status = status;
        head.statusStart = start + 9;
        head.reasonEnd = end;
        return null;
    }

    private RequestHeadParser.Result refuse(String reason) {
        failure = reason;
        restart();
        return RequestHeadParser.Result.REFUSED;
    }
}
