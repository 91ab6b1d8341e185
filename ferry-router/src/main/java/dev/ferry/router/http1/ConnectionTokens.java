package dev.ferry.router.http1;

/**
 * Reads the options of a head's {@code Connection} fields in place ({@code close}, {@code keep-alive},
 * {@code upgrade}, any case, comma-separated over any number of fields) as bits; no allocation.
 */
final class ConnectionTokens {

    static final int CLOSE = 1;
    static final int KEEP_ALIVE = 2;
    static final int UPGRADE = 4;

    private static final byte[] CLOSE_TEXT = {'c', 'l', 'o', 's', 'e'};
    private static final byte[] KEEP_ALIVE_TEXT = {'k', 'e', 'e', 'p', '-', 'a', 'l', 'i', 'v', 'e'};
    private static final byte[] UPGRADE_TEXT = {'u', 'p', 'g', 'r', 'a', 'd', 'e'};

    private ConnectionTokens() {
    }

    /** The options named by every Connection field of a head whose offsets are relative to {@code base}. */
    static int of(io.netty.buffer.ByteBuf buf, int base, FieldLines f) {
        int bits = 0;
        for (int i = 0; i < f.count(); i++) {
            if (f.name(i) != FieldName.CONNECTION) {
                continue;
            }
            int end = base + f.valueEnd(i);
            int token = base + f.valueStart(i);
            while (token < end) {
                int comma = token;
                while (comma < end && buf.getByte(comma) != ',') {
                    comma++;
                }
                int s = token;
                int e = comma;
                while (s < e && FieldLines.isWhitespace(buf.getByte(s))) {
                    s++;
                }
                while (e > s && FieldLines.isWhitespace(buf.getByte(e - 1))) {
                    e--;
                }
                if (Ascii.equalsLowerCase(buf, s, e, CLOSE_TEXT)) {
                    bits |= CLOSE;
                } else if (Ascii.equalsLowerCase(buf, s, e, KEEP_ALIVE_TEXT)) {
                    bits |= KEEP_ALIVE;
                } else if (Ascii.equalsLowerCase(buf, s, e, UPGRADE_TEXT)) {
                    bits |= UPGRADE;
                }
                token = comma + 1;
            }
        }
        return bits;
    }

    /** HTTP/1.1 stays open unless {@code close}; HTTP/1.0 only with {@code keep-alive}. */
    static boolean keepAlive(int bits, boolean http11) {
        return (bits & CLOSE) == 0 && (http11 || (bits & KEEP_ALIVE) != 0);
    }
}
