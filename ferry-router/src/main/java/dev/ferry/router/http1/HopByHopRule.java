package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;

/**
 * Drops the fields that belong to the client's connection only (RFC 9110 §7.6.1): {@code Connection} and every
 * field it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding}, {@code Upgrade} and {@code Proxy-Authorization}/{@code Proxy-Authenticate};
 * {@code Host} and {@code Content-Length} stay even when {@code Connection} names them. Works out from the same
 * tokens whether the client's connection stays open (HTTP/1.1 unless {@code close}, HTTP/1.0 only with
 * {@code keep-alive}) and whether the request asks to switch protocols ({@code Connection: upgrade} with an
 * {@code Upgrade} field), which keeps {@code Upgrade} and adds {@code Connection: upgrade}. A chunked body gets
 * a fresh {@code Transfer-Encoding: chunked}, since the router re-frames it.
 */
final class HopByHopRule implements HeadRule {

    private static final byte[] CLOSE = {'c', 'l', 'o', 's', 'e'};
    private static final byte[] KEEP_ALIVE = {'k', 'e', 'e', 'p', '-', 'a', 'l', 'i', 'v', 'e'};
    private static final byte[] UPGRADE = {'u', 'p', 'g', 'r', 'a', 'd', 'e'};

    @Override
    public RequestRefused apply(RequestHead head) {
        boolean close = false;
        boolean keepAlive = false;
        boolean upgradeToken = false;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) != FieldName.CONNECTION) {
                continue;
            }
            int end = head.valueEnd(i);
            int token = head.valueStart(i);
            while (token < end) {
                int comma = token;
                while (comma < end && head.byteAt(comma) != ',') {
                    comma++;
                }
                int s = token;
                int e = comma;
                while (s < e && isWhitespace(head.byteAt(s))) {
                    s++;
                }
                while (e > s && isWhitespace(head.byteAt(e - 1))) {
                    e--;
                }
                close |= is(head, s, e, CLOSE);
                keepAlive |= is(head, s, e, KEEP_ALIVE);
                upgradeToken |= is(head, s, e, UPGRADE);
                token = comma + 1;
            }
        }
        head.keepAlive = head.isHttp11() ? !close : keepAlive && !close;
        head.upgrade = upgradeToken && head.first(FieldName.UPGRADE) >= 0;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) == FieldName.CONNECTION) {
                dropNamed(head, i);
            }
        }
        for (int i = 0; i < head.fieldCount(); i++) {
            if (alwaysDropped(head.name(i), head.upgrade)) {
                head.drop(i);
            }
        }
        if (head.upgrade) {
            head.added.add("Connection", "upgrade");
        }
        if (head.body == RequestHead.Body.CHUNKED) {
            head.added.add("Transfer-Encoding", "chunked");
        }
        return null;
    }

    /** Drops the fields named by the tokens of Connection field {@code c}, Host and Content-Length excepted. */
    private static void dropNamed(RequestHead head, int c) {
        int end = head.valueEnd(c);
        int token = head.valueStart(c);
        while (token < end) {
            int comma = token;
            while (comma < end && head.byteAt(comma) != ',') {
                comma++;
            }
            int s = token;
            int e = comma;
            while (s < e && isWhitespace(head.byteAt(s))) {
                s++;
            }
            while (e > s && isWhitespace(head.byteAt(e - 1))) {
                e--;
            }
            for (int f = 0; f < head.fieldCount(); f++) {
                int length = head.nameEnd(f) - head.nameStart(f);
                if (length == e - s && !isProtected(head.name(f), head.upgrade)
                        && Ascii.regionsEqualIgnoreCase(head.buf, head.base + s, head.base + head.nameStart(f), length)) {
                    head.drop(f);
                }
            }
            token = comma + 1;
        }
    }

    private static boolean alwaysDropped(FieldName name, boolean upgrade) {
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

    private static boolean is(RequestHead head, int s, int e, byte[] lower) {
        return Ascii.equalsLowerCase(head.buf, head.base + s, head.base + e, lower);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
