package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The header names the router acts on, recognised once while a head is parsed so that no rule compares names
 * again. Any other name is {@link #OTHER}. Matching is ASCII case-insensitive and allocates nothing.
 */
public enum FieldName {
    OTHER(""),
    HOST("host"),
    CONTENT_LENGTH("content-length"),
    TRANSFER_ENCODING("transfer-encoding"),
    CONNECTION("connection"),
    KEEP_ALIVE("keep-alive"),
    PROXY_CONNECTION("proxy-connection"),
    TE("te"),
    TRAILER("trailer"),
    UPGRADE("upgrade"),
    PROXY_AUTHORIZATION("proxy-authorization"),
    PROXY_AUTHENTICATE("proxy-authenticate"),
    EXPECT("expect"),
    COOKIE("cookie"),
    X_REQUEST_ID("x-request-id"),
    X_REQUEST_START("x-request-start"),
    X_FORWARDED_FOR("x-forwarded-for"),
    X_FORWARDED_PROTO("x-forwarded-proto"),
    X_FORWARDED_PORT("x-forwarded-port"),
    X_FORWARDED_HOST("x-forwarded-host"),
    X_REAL_IP("x-real-ip"),
    FORWARDED("forwarded"),
    VIA("via");

    private static final int LONGEST = 24;
    private static final FieldName[][] BY_LENGTH = byLength();

    private final byte[] lower;

    FieldName(String lower) {
        this.lower = lower.getBytes(StandardCharsets.US_ASCII);
    }

    /** The known name that {@code buf[start, end)} spells in any case, or {@link #OTHER}. */
    public static FieldName of(ByteBuf buf, int start, int end) {
        int length = end - start;
        if (length <= 0 || length > LONGEST) {
            return OTHER;
        }
        for (FieldName candidate : BY_LENGTH[length]) {
            if (Ascii.equalsLowerCase(buf, start, candidate.lower)) {
                return candidate;
            }
        }
        return OTHER;
    }

    private static FieldName[][] byLength() {
        FieldName[][] table = new FieldName[LONGEST + 1][];
        for (int length = 0; length <= LONGEST; length++) {
            int n = length;
            table[length] = java.util.Arrays.stream(values())
                    .filter(f -> f != OTHER && f.lower.length == n)
                    .toArray(FieldName[]::new);
        }
        return table;
    }
}
