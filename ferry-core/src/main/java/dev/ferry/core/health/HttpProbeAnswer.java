package dev.ferry.core.health;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The answer to one health probe's {@code GET}, read as its bytes arrive (blocking or not): the status as soon
 * as the status line's first 12 bytes are in, and whether the whole answer is in, by its framing
 * ({@code Content-Length}, chunked, no body for 1xx/204/304, else until the server closes). A probe reads the
 * whole answer before it closes, so the server never writes into a closed connection (a broken pipe in its
 * log); past {@link #MAX_BYTES} it stops reading. Not thread-safe: one per probe.
 */
public final class HttpProbeAnswer {

    /** The most a probe reads of one answer (64 KiB); a longer one is cut there. */
    public static final int MAX_BYTES = 64 * 1024;
    /** "HTTP/1.1 200" is 12 bytes. */
    private static final int STATUS_LINE_PREFIX = 12;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private int status = -1;
    private int bodyAt = -1;
    private long contentLength = -1;
    private boolean chunked;
    private boolean complete;

    /** Takes {@code length} more bytes of the answer; true once the answer is complete. */
    public boolean read(byte[] buf, int offset, int length) {
        if (complete) {
            return true;
        }
        bytes.write(buf, offset, Math.min(length, MAX_BYTES - bytes.size()));
        byte[] all = bytes.toByteArray();
        if (status < 0 && all.length >= STATUS_LINE_PREFIX) {
            status = parseStatus(all);
            if (status == 0) {
                complete = true;
            }
        }
        if (bodyAt < 0 && !complete) {
            int end = indexOf(all, HEAD_END, 0);
            if (end >= 0) {
                bodyAt = end + HEAD_END.length;
                readFraming(new String(all, 0, end, StandardCharsets.ISO_8859_1));
            }
        }
        if (bodyAt >= 0 && !complete) {
            complete = bodyComplete(all);
        }
        complete |= all.length >= MAX_BYTES;
        return complete;
    }

    /** The server closed the connection: whatever came is the answer. */
    public void closed() {
        complete = true;
    }

    /** True once the whole answer is read (or cut at {@link #MAX_BYTES}, or the server closed). */
    public boolean complete() {
        return complete;
    }

    /** True once the status line's first 12 bytes are in. */
    public boolean statusKnown() {
        return status >= 0;
    }

    /** The answer's status; 0 when it is not an HTTP answer, -1 while unknown. */
    public int status() {
        return status;
    }

    /** The body read so far (de-chunked when chunked), as ISO-8859-1 text; empty before the head ends. */
    public String body() {
        if (bodyAt < 0) {
            return "";
        }
        byte[] all = bytes.toByteArray();
        String raw = new String(all, bodyAt, all.length - bodyAt, StandardCharsets.ISO_8859_1);
        return chunked ? dechunk(raw) : raw;
    }

    private static int parseStatus(byte[] head) {
        if (head[0] != 'H' || head[1] != 'T' || head[2] != 'T' || head[3] != 'P' || head[4] != '/' || head[8] != ' ') {
            return 0;
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            if (head[i] < '0' || head[i] > '9') {
                return 0;
            }
            status = status * 10 + (head[i] - '0');
        }
        return status >= 100 ? status : 0;
    }

    private void readFraming(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (name.equals("transfer-encoding") && value.endsWith("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
            }
        }
    }

    private boolean bodyComplete(byte[] all) {
        if (status < 200 || status == 204 || status == 304) {
            return true;
        }
        int bodyLength = all.length - bodyAt;
        if (chunked) {
            return bodyLength >= LAST_CHUNK.length && indexOf(all, LAST_CHUNK, all.length - LAST_CHUNK.length) >= 0
                    && (bodyLength == LAST_CHUNK.length || all[all.length - LAST_CHUNK.length - 1] == '\n');
        }
        return contentLength >= 0 && bodyLength >= contentLength;
    }

    private static String dechunk(String raw) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < raw.length()) {
            int lineEnd = raw.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            String size = raw.substring(at, lineEnd);
            int semicolon = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.append(raw, from, Math.min(raw.length(), from + n));
            at = from + n + 2;
        }
        return out.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
