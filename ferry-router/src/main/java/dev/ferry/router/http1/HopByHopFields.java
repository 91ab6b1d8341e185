package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;

/**
 * Marks dropped the field lines that belong to one connection only (RFC 9110 §7.6.1), in a request or a
 * response: {@code Connection} and every field it names, {@code Keep-Alive}, {@code Proxy-Connection},
 * {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade} (unless switching protocols) and
 * {@code Proxy-Authorization}/{@code Proxy-Authenticate}. {@code Host} and {@code Content-Length} stay even
 * when {@code Connection} names them. Compares names in place; no allocation.
 */
final class HopByHopFields {

    private HopByHopFields() {
    }

    /** Drops the hop-by-hop lines of {@code f}, whose offsets are relative to {@code base} in {@code buf}. */
    static void drop(ByteBuf buf, int base, FieldLines f, boolean upgrade) {
        for (int i = 0; i < f.count(); i++) {
            if (f.name(i) == FieldName.CONNECTION) {
                dropNamed(buf, base, f, i, upgrade);
            }
        }
        for (int i = 0; i < f.count(); i++) {
            if (always(f.name(i), upgrade)) {
                f.drop(i);
            }
        }
    }

    /** Drops the fields named by the tokens of Connection line {@code c}, Host and Content-Length excepted. */
    private static void dropNamed(ByteBuf buf, int base, FieldLines f, int c, boolean upgrade) {
        int end = base + f.valueEnd(c);
        int token = base + f.valueStart(c);
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
            for (int i = 0; i < f.count(); i++) {
                int length = f.nameEnd(i) - f.nameStart(i);
                if (length == e - s && !isProtected(f.name(i), upgrade)
                        && Ascii.regionsEqualIgnoreCase(buf, s, base + f.nameStart(i), length)) {
                    f.drop(i);
                }
            }
            token = comma + 1;
        }
    }

    private static boolean always(FieldName name, boolean upgrade) {
        return switch (name) {
            case CONNECTION, KEEP_ALIVE, PROXY_CONNECTION, TE, TRAILER, TRANSFER_ENCODING, PROXY_AUTHORIZATION,
                 PROXY_AUTHENTICATE -> true;
            case UPGRADE -> !upgrade;
            default -> false;
        };
    }

    private static boolean isProtected(FieldName name, boolean upgrade) {
        return name == FieldName.HOST || name == FieldName.CONTENT_LENGTH || upgrade && name == FieldName.UPGRADE;
    }
}
